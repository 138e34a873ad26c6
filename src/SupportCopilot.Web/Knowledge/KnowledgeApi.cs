using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Web.Security;

namespace SupportCopilot.Web.Knowledge;

public sealed record DocumentDto(int Id, string FileName, string Status, string? Error, string ContentType, int? Pages, int Chunks,
    long SizeBytes, string? Tags, int Version, string? EmbeddingModel, string? EmbeddingError, DateTime UpdatedAt)
{
    public static DocumentDto From(DocumentRow d) => new(d.Id, d.FileName, d.Status.ToString(), d.FailureReason ?? d.LastJobError,
        d.ContentType, d.Pages, d.Chunks, d.SizeBytes, d.Tags, d.Version, d.EmbeddingModel, d.EmbeddingError, d.UpdatedAt);
}

public sealed record DocumentAcceptedDto(int Id, string Status, bool Duplicate);

/// <summary>Programmatic ingestion (scope knowledge:write). Processing is asynchronous: poll the document for its status.</summary>
public static class KnowledgeApi
{
    public static WebApplication MapKnowledgeApi(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxUploadBytes;
        var api = app.MapGroup("/api/knowledge/documents").RequireAuthorization(ApiPolicies.KnowledgeWrite).DisableAntiforgery();
        // The multipart envelope adds a little to the file itself; the service enforces the exact file limit.
        api.MapPost("/", UploadAsync).WithMetadata(new RequestSizeLimitAttribute(limit + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: limit + 64 * 1024);
        api.MapGet("/", async (KnowledgeCatalog catalog, CancellationToken ct) => TypedResults.Ok((await catalog.ListAsync(ct)).Select(DocumentDto.From)));
        api.MapGet("/{id:int}", GetAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        // The original file for signed-in agents and admins (cookie auth), so a citation opens the cited PDF page (#page=N).
        app.MapGet("/documents/{id:int}/original", OriginalAsync).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Agent},{Roles.Admin}" });
        return app;
    }

    private static async Task<Results<Accepted<DocumentAcceptedDto>, Ok<DocumentAcceptedDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, KnowledgeUploads uploads, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem("Send the document as multipart/form-data with the field 'file'.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["A file is required in the field 'file'."] });
        if (file.Length > uploads.MaxUploadBytes)
            return TypedResults.Problem($"The file is larger than the {uploads.MaxUploadBytes / (1024 * 1024)} MB upload limit.", statusCode: StatusCodes.Status413PayloadTooLarge);

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        var result = await uploads.UploadAsync(file.FileName, bytes, form["tags"].ToString(), ct);
        return result.Outcome switch
        {
            UploadOutcome.Refused => TypedResults.Problem(result.Error, statusCode: StatusCodes.Status415UnsupportedMediaType),
            UploadOutcome.Duplicate => TypedResults.Ok(new DocumentAcceptedDto(result.DocumentId!.Value, result.Status!.Value.ToString(), true)),
            _ => TypedResults.Accepted($"/api/knowledge/documents/{result.DocumentId}",
                new DocumentAcceptedDto(result.DocumentId!.Value, result.Status!.Value.ToString(), false)),
        };
    }

    private static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetAsync(int id, KnowledgeCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(id, ct) is { } doc
            ? TypedResults.Ok(DocumentDto.From(doc))
            : TypedResults.Problem($"Document {id} does not exist.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, KnowledgeUploads uploads, CancellationToken ct) =>
        await uploads.DeleteAsync(id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"Document {id} does not exist.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> OriginalAsync(int id, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.FileName, d.ContentType }).FirstOrDefaultAsync(ct);
        var bytes = await db.DocumentContents.AsNoTracking().Where(c => c.DocumentId == id).Select(c => c.Bytes).FirstOrDefaultAsync(ct);
        if (doc is null || bytes is null) return TypedResults.NotFound();
        // Only PDFs and plain text are shown inline; HTML and the rest download, so a stored page can never run script here.
        var inline = doc.ContentType is "application/pdf" or "text/plain";
        return TypedResults.File(bytes, inline ? doc.ContentType : "application/octet-stream", inline ? null : doc.FileName);
    }
}
