using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cao.GeminiCli;

/// <summary>Reads and merges Gemini CLI's <c>settings.json</c> (JSON with comments and trailing commas allowed).</summary>
public static class GeminiSettingsFile
{
    /// <summary>The settings file's name inside a <c>.gemini</c> folder.</summary>
    public const string Name = "settings.json";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The settings object in <paramref name="path"/>; empty when the file is missing.</summary>
    /// <exception cref="InvalidOperationException">The file is not a JSON object (one line, naming the file).</exception>
    public static JsonObject Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient) as JsonObject
                ?? throw new InvalidOperationException($"gemini_cli: {path} does not hold a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"gemini_cli: {path} is not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// <paramref name="over"/> merged into a copy of <paramref name="under"/>: objects merge key by key, at any
    /// depth; any other value of <paramref name="over"/> replaces the one under it.
    /// </summary>
    public static JsonObject Merge(JsonObject under, JsonObject over)
    {
        var result = (JsonObject)under.DeepClone();
        foreach (var (key, value) in over)
        {
            if (value is JsonObject overObject && result[key] is JsonObject underObject)
                result[key] = Merge(underObject, overObject);
            else
                result[key] = value?.DeepClone();
        }
        return result;
    }
}
