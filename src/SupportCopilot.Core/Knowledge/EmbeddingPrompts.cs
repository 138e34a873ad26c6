namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Retrieval models trained with an instruction on one or both sides (a question is embedded as
/// "Represent this sentence for searching relevant passages: …") rank worse without it: snowflake-arctic-embed-xs lost
/// E-Manual recall@5 0.892 → 0.833 without its query prefix. The prefixes follow each model's card; the query prefix can
/// be set (`Models:Embedding:0:QueryPrefix`, "" for none). The document prefix is tied to the model name, which is
/// stored with every vector, so a change re-embeds. Ticket-to-ticket similarity (triage neighbours, reply memory) is
/// symmetric and uses neither.
/// </summary>
public static class EmbeddingPrompts
{
    private const string SearchInstruction = "Represent this sentence for searching relevant passages: ";
    private static readonly (string Name, string Query, string Document)[] Known =
    [
        ("arctic-embed", SearchInstruction, ""),
        ("mxbai-embed", SearchInstruction, ""),
        ("nomic-embed", "search_query: ", "search_document: "),
        ("e5-", "query: ", "passage: "),
    ];

    public static string Query(EmbeddingModelOptions? o) => o?.QueryPrefix ?? Find(o?.EffectiveModel).Query;

    public static string Document(EmbeddingModelOptions? o) => Find(o?.EffectiveModel).Document;

    private static (string Name, string Query, string Document) Find(string? model) =>
        model is null ? default : Known.FirstOrDefault(k => model.Contains(k.Name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } k ? k : ("", "", "");
}
