using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SupportCopilot.Web.Platform;

/// <summary>One place turns exceptions into ProblemDetails: bad requests keep their status, the rest is a 500 without internals.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException b => (b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is malformed."),
            // A multipart body cut short or without its boundary: the client's fault, not ours.
            InvalidDataException => (StatusCodes.Status400BadRequest, "The request body is malformed (e.g. a multipart form cut short or without a boundary)."),
            IOException when exception.Message.Contains("Unexpected end of Stream", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status400BadRequest, "The request body ended early."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "The client closed the request."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };
        if (status >= 500) LogUnhandled(log, context.Request.Path, exception);
        if (!context.Request.Path.StartsWithSegments("/api") && status >= 500) return false; // pages use the error page
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title },
        });
    }

    [LoggerMessage(LogLevel.Error, "Unhandled exception on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception ex);
}
