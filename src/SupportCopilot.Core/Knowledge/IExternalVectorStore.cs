namespace SupportCopilot.Core.Knowledge;

/// <summary>A chunk as an external index stores it.</summary>
public sealed record IndexedChunk(int ChunkId, string Text, float[] Vector);

/// <summary>
/// A search engine outside the database that must mirror the chunks (Qdrant when `Search:Provider` is Qdrant).
/// The database stays the source of truth: search results are joined with it, so a point left behind is never shown.
/// </summary>
public interface IExternalVectorStore
{
    /// <summary>Replaces every point of the document; idempotent, so a retried job can call it again.</summary>
    Task ReplaceDocumentAsync(int documentId, IReadOnlyList<string> tags, IReadOnlyList<IndexedChunk> chunks, CancellationToken ct);

    Task DeleteDocumentAsync(int documentId, CancellationToken ct);
}
