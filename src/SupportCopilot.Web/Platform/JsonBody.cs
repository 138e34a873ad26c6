using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportCopilot.Web.Platform;

/// <summary>
/// Reads a JSON request body by hand so that malformed JSON, wrong types and unknown properties become a 400 with
/// field errors (the framework's binder answers those with a bare 400).
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        try
        {
            var value = await request.ReadFromJsonAsync<T>(options, ct);
            return value is null ? (null, Invalid("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is null or "$" ? "$" : ex.Path.StartsWith("$.") ? ex.Path[2..] : ex.Path;
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "This property is not known."
                : field == "$" ? "The body is not valid JSON." : "The value has the wrong type or is not valid JSON.";
            return (null, Invalid(field, message));
        }
    }

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
