using SupportCopilot.Core.Retrieval;
using SupportCopilot.Web.Platform;
using SupportCopilot.Web.Security;

namespace SupportCopilot.Web.Retrieval;

public sealed record SearchBody(string? Query, int? Top, SearchFiltersBody? Filters);

public sealed record SearchFiltersBody(string?[]? Tags, int[]? DocumentIds);

public sealed record SearchHitDto(int DocumentId, string FileName, string HeadingPath, int? Page, int ChunkId, double Score, string Text);

/// <summary>`POST /api/search`: the retrieval drafting uses, for agents and for tools (scope search).</summary>
public static class SearchApi
{
    public const int MaxQueryLength = 10_000;

    public static WebApplication MapSearchApi(this WebApplication app)
    {
        app.MapPost("/api/search", SearchAsync).RequireAuthorization(ApiPolicies.Search).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024));
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, HttpResponse response, Retriever retriever, CancellationToken ct)
    {
        // Unknown properties are errors here, so a misspelt filter is a 400 rather than a silently unfiltered search.
        var (body, error) = await JsonBody.ReadAsync<SearchBody>(request, JsonBody.Strict, ct);
        if (body is null) return error!;
        if (string.IsNullOrWhiteSpace(body.Query)) return JsonBody.Invalid("query", "The query is required.");
        if (body.Query.Length > MaxQueryLength) return JsonBody.Invalid("query", $"The query must be at most {MaxQueryLength} characters.");
        if (body.Top is < 1 or > SearchRequest.MaxTop) return JsonBody.Invalid("top", $"top must be between 1 and {SearchRequest.MaxTop}.");

        if (body.Filters?.Tags is { } tags)
        {
            if (tags.Length > SearchFilters.MaxTags) return JsonBody.Invalid("filters.tags", $"At most {SearchFilters.MaxTags} tags.");
            if (tags.Any(t => t is null)) return JsonBody.Invalid("filters.tags", "Tags must be strings, not null.");
        }
        if (body.Filters?.DocumentIds is { Length: > SearchFilters.MaxDocumentIds })
            return JsonBody.Invalid("filters.documentIds", $"At most {SearchFilters.MaxDocumentIds} document ids.");

        var filters = body.Filters is null ? null : new SearchFilters(body.Filters.Tags?.OfType<string>().ToList(), body.Filters.DocumentIds);
        var result = await retriever.SearchAsync(new SearchRequest(body.Query, body.Top ?? 10, filters), ct);
        // The contract's body is the list of hits; how they were found travels in headers.
        response.Headers["X-Retrieval-Mode"] = result.Mode;
        response.Headers["X-Retrieval-Confidence"] = result.Confidence.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(result.Hits.Select(h => new SearchHitDto(h.DocumentId, h.FileName, h.HeadingPath, h.Page, h.ChunkId, h.Score, h.Text)));
    }
}
