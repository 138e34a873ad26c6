using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace SupportCopilot.Core.Tests.Retrieval.Qdrant;

/// <summary>
/// Request-body schemas from Qdrant's OpenAPI document (../shared/specs/qdrant-openapi.json), made checkable by a
/// JSON Schema validator: OpenAPI 3.0's `nullable` becomes a "null" type (else `{"nullable": true}` in an anyOf
/// accepts anything) and objects with declared properties reject unknown ones, so a misspelt field fails.
/// </summary>
public static class QdrantSpec
{
    private static readonly Lazy<JsonObject?> Document = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema?> Schemas = new();

    public static bool Available => Document.Value is not null;

    /// <summary>Validation errors of a request body for the route ("" when valid); throws if the route has no body schema.</summary>
    public static string Validate(string method, string pathTemplate, string json)
    {
        var schema = Schemas.GetOrAdd($"{method} {pathTemplate}", _ => Build(method, pathTemplate))
            ?? throw new InvalidOperationException($"The spec has no JSON request body for {method} {pathTemplate}.");
        return string.Join("; ", schema.Validate(json).Select(e => $"{e.Kind} at {e.Path}"));
    }

    private static JsonSchema? Build(string method, string pathTemplate)
    {
        var body = Document.Value?["paths"]?[pathTemplate]?[method.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"];
        if (body is null) return null;
        var definitions = Document.Value!["components"]!["schemas"]!.DeepClone();
        Normalise(definitions);
        var root = new JsonObject { ["definitions"] = definitions, ["allOf"] = new JsonArray(body.DeepClone()) };
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/definitions/");
        return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
    }

    private static void Normalise(JsonNode? node)
    {
        if (node is JsonArray array) { foreach (var item in array) Normalise(item); return; }
        if (node is not JsonObject o) return;
        if (o["nullable"]?.GetValue<bool>() == true)
        {
            o.Remove("nullable");
            if (o["type"] is JsonValue type) o["type"] = new JsonArray(type.GetValue<string>(), "null");
            else if (!o.ContainsKey("$ref") && !o.ContainsKey("anyOf") && !o.ContainsKey("oneOf")) o["type"] = "null";
        }
        if (o["type"]?.ToString() == "object" && o.ContainsKey("properties") && !o.ContainsKey("additionalProperties"))
            o["additionalProperties"] = false;
        foreach (var kv in o.ToList()) Normalise(kv.Value);
    }

    private static JsonObject? Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var spec = Path.Combine(dir.FullName, "..", "shared", "specs", "qdrant-openapi.json");
            if (File.Exists(Path.Combine(dir.FullName, "SupportCopilot.sln")))
                return File.Exists(spec) ? JsonNode.Parse(File.ReadAllText(spec))!.AsObject() : null;
        }
        return null;
    }
}
