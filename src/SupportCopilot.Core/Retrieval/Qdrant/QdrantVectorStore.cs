using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Core.Retrieval.Qdrant;

/// <summary>Mirrors chunks into Qdrant: dense vector from the embedding model, BM25 sparse vector computed here, tags as payload.</summary>
public sealed class QdrantVectorStore(QdrantClient client) : IExternalVectorStore
{
    public async Task ReplaceDocumentAsync(int documentId, IReadOnlyList<string> tags, IReadOnlyList<IndexedChunk> chunks, CancellationToken ct)
    {
        if (chunks.Count == 0) return;
        await client.EnsureCollectionAsync(chunks[0].Vector.Length, ct);
        await client.DeleteDocumentAsync(documentId, ct);
        await client.UpsertAsync(chunks.Select(c => new QdrantPoint(c.ChunkId, documentId, tags, c.Vector, SparseEncoder.Document(c.Text))).ToList(), ct);
    }

    public Task DeleteDocumentAsync(int documentId, CancellationToken ct) => client.DeleteDocumentAsync(documentId, ct);
}
