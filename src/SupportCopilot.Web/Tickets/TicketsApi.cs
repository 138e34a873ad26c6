using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Web.Platform;
using SupportCopilot.Web.Security;

namespace SupportCopilot.Web.Tickets;

public static class TicketsApi
{
    public const long MaxRequestBytes = 1024 * 1024;
    /// <summary>A new ticket or a follow-up with its files (multipart): the files at their limit, and the fields.</summary>
    public const long MaxMultipartBytes = (long)Attachments.MaxPerMessage * Attachments.MaxBytes + MaxRequestBytes;

    public static WebApplication MapTicketsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/tickets").DisableAntiforgery(); // JSON bodies: a browser cannot post them cross-site without CORS
        api.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.TicketsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxMultipartBytes)); // JSON bodies are held to MaxRequestBytes in the handler
        api.MapGet("/{id:int}/attachments/{attachmentId:int}", DownloadAsync).RequireAuthorization(ApiPolicies.TicketsRead);
        api.MapGet("/{id:int}", GetAsync).RequireAuthorization(ApiPolicies.TicketsRead);
        api.MapPost("/{id:int}/messages", AddMessageAsync).RequireAuthorization(ApiPolicies.TicketsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxMultipartBytes)); // JSON bodies are held to MaxRequestBytes in the handler
        // Past tickets with labels and, optionally, the answer they got (which becomes reply memory): the same rows as
        // the import on /admin/triage, as a JSON array or one object per line.
        api.MapPost("/import", ImportAsync).RequireAuthorization(ApiPolicies.TicketsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(SupportCopilot.Core.Triage.TriageImport.MaxBytes));
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TicketService tickets, Attachments attachments, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
            return await CreateWithFilesAsync(request, tickets, attachments, ct);
        if (JsonTooLarge(request) is { } tooLarge) return tooLarge;
        var (input, error) = await JsonBody.ReadAsync<NewTicket>(request, JsonBody.Options, ct);
        if (input is null) return error!;
        var errors = input.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var ticket = await tickets.CreateAsync(input, ct);
        var url = $"/api/tickets/{ticket.Id}";
        return TypedResults.Created(url, new TicketCreatedDto(ticket.Id, ticket.Status.ToString(), url));
    }

    /// <summary>
    /// `multipart/form-data` with the fields of a new ticket (subject, body, customerEmail, customerName, externalId) and
    /// up to five files (issue 20.5). A refused file refuses the request, naming why, so nothing is stored half. Keys
    /// only: a browser can post a multipart form cross-site, so a signed-in user's cookie does not count here.
    /// </summary>
    private static async Task<IResult> CreateWithFilesAsync(HttpRequest request, TicketService tickets, Attachments attachments, CancellationToken ct)
    {
        var (form, files, error) = await ReadFormWithFilesAsync(request, ct);
        if (error is not null) return error;
        string? Field(string name) => form!.TryGetValue(name, out var v) ? v.ToString() : null;
        var input = new NewTicket(Field("subject"), Field("body"), Field("customerEmail"), Field("customerName"), Field("externalId"));
        var errors = input.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var ticket = await tickets.CreateAsync(input, ct);
        await attachments.AddAsync(ticket.Id, ticket.Messages.First().Id, files!, ct);
        var url = $"/api/tickets/{ticket.Id}";
        return TypedResults.Created(url, new TicketCreatedDto(ticket.Id, ticket.Status.ToString(), url, files!.Count));
    }

    /// <summary>
    /// The form and its files, each checked (size, sniffed type, at most five): any refusal refuses the request, naming
    /// why, so nothing is stored half. Keys only: a browser can post a multipart form cross-site, so a signed-in user's
    /// cookie does not count here.
    /// </summary>
    private static async Task<(IFormCollection? Form, List<IncomingFile>? Files, IResult? Error)> ReadFormWithFilesAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HttpContext.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, SupportCopilot.Core.Security.ApiScopes.TicketsWrite))
            return (null, null, TypedResults.Problem("Files need an API key with the tickets:write scope.", statusCode: StatusCodes.Status403Forbidden));
        IFormCollection form;
        try { form = await request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or IOException) { return (null, null, JsonBody.Invalid("body", $"The form could not be read: {e.Message}")); }
        var files = new List<IncomingFile>();
        foreach (var f in form.Files)
        {
            if (f.Length > Attachments.MaxBytes) return (null, null, JsonBody.Invalid("files", $"{f.FileName}: larger than {Attachments.MaxBytes / (1024 * 1024)} MB."));
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            files.Add(new IncomingFile(f.FileName, buffer.ToArray()));
        }
        var (_, refused) = Attachments.Sort(files);
        return refused.Count > 0 ? (null, null, JsonBody.Invalid("files", string.Join(" ", refused))) : (form, files, null);
    }

    /// <summary>JSON bodies keep their 1 MB limit on endpoints that also take files: Kestrel enforces it while reading;
    /// the declared length is checked first for other servers.</summary>
    private static IResult? JsonTooLarge(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxRequestBytes;
        return request.ContentLength > MaxRequestBytes
            ? TypedResults.Problem($"The request body is larger than {MaxRequestBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge)
            : null;
    }

    /// <summary>A stored file, always as a download (never shown inline) and with nosniff: it can never run in our origin.</summary>
    private static async Task<IResult> DownloadAsync(int id, int attachmentId, HttpResponse response, Attachments attachments, CancellationToken ct)
    {
        if (await attachments.GetAsync(id, attachmentId, ct) is not { } file)
            return TypedResults.Problem($"Ticket {id} has no attachment {attachmentId}.", statusCode: StatusCodes.Status404NotFound);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    /// <summary>A customer's follow-up on an existing ticket: reopens it, and the drafting job answers it with a new draft.
    /// JSON, or (API keys only) `multipart/form-data` with body, messageId and up to five files.</summary>
    private static async Task<IResult> AddMessageAsync(int id, HttpRequest request, TicketService tickets, Attachments attachments, CancellationToken ct)
    {
        NewMessage? input;
        List<IncomingFile> files = [];
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var (form, withFiles, formError) = await ReadFormWithFilesAsync(request, ct);
            if (formError is not null) return formError;
            (input, files) = (new NewMessage(form!["body"].ToString(), form.TryGetValue("messageId", out var m) ? m.ToString() : null), withFiles!);
        }
        else
        {
            if (JsonTooLarge(request) is { } tooLarge) return tooLarge;
            (input, var error) = await JsonBody.ReadAsync<NewMessage>(request, JsonBody.Strict, ct);
            if (input is null) return error!;
        }
        if (string.IsNullOrWhiteSpace(input.Body)) return JsonBody.Invalid("body", "The body is required.");
        if (input.Body.Length > NewTicket.MaxBody) return JsonBody.Invalid("body", $"The body must be at most {NewTicket.MaxBody} characters.");
        if (input.MessageId is { Length: > 500 }) return JsonBody.Invalid("messageId", "The message id must be at most 500 characters.");
        if (await tickets.AddCustomerReplyAsync(id, input.Body, ct, input.MessageId) is not { } created)
            return TypedResults.Problem($"Ticket {id} does not exist.", statusCode: StatusCodes.Status404NotFound);
        if (files.Count > 0) await attachments.AddAsync(id, created, files, ct);
        return TypedResults.Created($"/api/tickets/{id}", new MessageCreatedDto(created, id, files.Count));
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, SupportCopilot.Core.Triage.TriageImport import, CancellationToken ct)
    {
        const int max = SupportCopilot.Core.Triage.TriageImport.MaxBytes;
        if (request.ContentLength > max)
            return TypedResults.Problem($"The request body is larger than {max / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        if (body.Length == 0) return JsonBody.Invalid("body", "Send the tickets as a JSON array or one JSON object per line.");
        var report = await import.ImportAsync("import.json", body.ToArray(), ct);
        // A file-level failure (row 0: unreadable, too many rows) is the client's error; row refusals are part of a good answer.
        if (report.Imported == 0 && report.Rejected is [{ Row: 0 } failed]) return JsonBody.Invalid("body", failed.Message);
        return TypedResults.Ok(new
        {
            imported = report.Imported, answers = report.Answers,
            rejected = report.Rejected.Select(r => new { row = r.Row, message = r.Message }),
            unknownLabels = report.UnknownLabels.Select(r => new { row = r.Row, message = r.Message }),
        });
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> GetAsync(int id, TicketService tickets, DraftingService drafts, CancellationToken ct)
    {
        var ticket = await tickets.GetAsync(id, ct);
        if (ticket is null) return TypedResults.Problem($"Ticket {id} does not exist.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(TicketDto.From(ticket, await drafts.ListAsync(id, ct)));
    }

}
