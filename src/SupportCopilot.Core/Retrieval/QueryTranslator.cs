using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Models;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// Customers write in German, Spanish or French about English manuals, and words do not match across languages
/// (recall@5 fell from 1.0 to ~0.5 for the same questions translated, issue 16). When a chat model is configured and a
/// query is clearly in a language none of the knowledge base's documents is written in, the model translates it into
/// the knowledge base's main language and search runs with both. No model, a model that is down or slow, or an answer
/// that is no translation: the glossary's English words for the query when the knowledge base is in English
/// (<see cref="Glossary"/>), else the original query alone. The translation only ever feeds the search; it is
/// never shown to a customer, and the model sees the query with its personal data replaced, as in drafting.
/// </summary>
public sealed partial class QueryTranslator(IDbContextFactory<AppDbContext> dbFactory, IServiceProvider services, IOptions<RetrievalOptions> options,
    ILogger<QueryTranslator> log)
{
    private const int CacheSize = 1000;
    private readonly ModelChain? _models = services.GetService<ModelChain>();
    private readonly Drafting.Guards.PiiRedactor _pii = services.GetService<Drafting.Guards.PiiRedactor>() ?? new Drafting.Guards.PiiRedactor();
    private readonly ConcurrentDictionary<(string, string), string> _cache = new();
    private KnownLanguages _known = new(-1, default, []);

    public bool Enabled => options.Value.TranslateQueries;

    /// <summary>The query in the knowledge base's main language, or null when there is nothing to translate. With no
    /// chat model (or one that fails), a knowledge base in English gets the glossary's words for the query.</summary>
    public async Task<string?> TranslateAsync(string query, CancellationToken ct)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(query)) return null;
        var (language, confidence) = LanguageDetector.Detect(query);
        if (confidence < 0.5 || language.Length != 2) return null;
        var model = _models is { Configured: true };
        if (!model && !Glossary.Languages.Contains(language)) return null;
        var languages = await LanguagesAsync(ct);
        if (languages.Count == 0 || languages.Contains(language)) return null;
        var target = languages[0];
        var glossary = target == "en" ? Glossary.ToEnglish(query, language) : null;
        // Words the query already has ("sensor", "filter", an English line taken for Dutch) translate nothing.
        if (glossary is not null && !QueryTerms.Extract(glossary).Except(QueryTerms.Extract(query)).Any()) glossary = null;
        if (!model) return glossary;
        return await ByModelAsync(query, target, ct) ?? glossary;
    }

    private async Task<string?> ByModelAsync(string query, string target, CancellationToken ct)
    {
        if (_cache.TryGetValue((target, query), out var cached)) return cached;

        // As for drafting: contact details and card numbers never reach the model (placeholders search as nothing).
        var redacted = _pii.Redact(query, new Drafting.Guards.PiiMap());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TranslateTimeoutSeconds));
        try
        {
            var result = await _models!.CompleteAsync(
                [new ChatMessage(ChatRole.System, $"Translate the customer's text inside <text> tags into {Name(target)} for a search engine. " +
                    "Output only the translation: no quotes, no notes, no answer to the text."),
                 new ChatMessage(ChatRole.User, $"<text>\n{redacted.Replace("</text>", "", StringComparison.OrdinalIgnoreCase)}\n</text>")],
                text => text.Trim().Length == 0 ? "empty translation" : text.Length > query.Length * 3 + 200 ? "translation far longer than the text" : null,
                timeout.Token, new ChatOptions { Temperature = 0 });
            if (result.Text is not { } translation) return null;
            if (_cache.Count >= CacheSize) _cache.Clear();
            return _cache[(target, query)] = translation.Trim();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogSlow(log, options.Value.TranslateTimeoutSeconds);
            return null;
        }
    }

    /// <summary>The knowledge base's languages, the most documents first; recomputed when documents change.</summary>
    private async Task<IReadOnlyList<string>> LanguagesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ready = db.Documents.Where(d => d.Status == Knowledge.DocumentStatus.Ready);
        // One statement per search while a chat model is configured: how many documents, and when the last one changed.
        var stamp = await ready.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Latest = g.Max(d => d.UpdatedAt) }).SingleOrDefaultAsync(ct); // one group or none
        var (count, latest) = (stamp?.Count ?? 0, stamp?.Latest ?? default);
        var known = _known; // one reference read: a concurrent refresh swaps the whole record
        if (known.Count == count && known.Latest == latest) return known.Languages;
        // Documents indexed before languages were detected get theirs from their first chunks, once.
        foreach (var id in await ready.Where(d => d.Language == null).OrderBy(d => d.Id).Select(d => d.Id).Take(500).ToListAsync(ct))
        {
            var texts = await db.Chunks.Where(c => c.DocumentId == id).OrderBy(c => c.Ordinal).Select(c => c.Text).Take(10).ToListAsync(ct);
            if (Knowledge.IngestionProcessor.DocumentLanguage(texts) is { } detected)
                await db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Language, detected), ct);
        }
        var languages = await ready.Where(d => d.Language != null).GroupBy(d => d.Language!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).ToListAsync(ct);
        _known = new KnownLanguages(count, latest, languages);
        return languages;
    }

    private sealed record KnownLanguages(int Count, DateTime Latest, IReadOnlyList<string> Languages);

    private static string Name(string code) => code switch
    {
        "en" => "English", "de" => "German", "fr" => "French", "es" => "Spanish", "it" => "Italian", "nl" => "Dutch", "pt" => "Portuguese", _ => code,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query translation took longer than {Seconds} s; searching with the original query only.")]
    private static partial void LogSlow(ILogger logger, int seconds);
}
