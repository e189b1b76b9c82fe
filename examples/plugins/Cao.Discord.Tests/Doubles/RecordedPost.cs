using System.Text.Json;

namespace Cao.Discord.Tests.Doubles;

/// <summary>One POST the webhook double received, with its JSON body taken apart.</summary>
public sealed record RecordedPost(Uri? Url, string Json)
{
    private JsonElement Root => JsonDocument.Parse(Json).RootElement;

    public string Username => Root.GetProperty("username").GetString()!;

    public string Content => Root.GetProperty("content").GetString()!;

    /// <summary>The <c>allowed_mentions.parse</c> list, or null when the body has none.</summary>
    public IReadOnlyList<string>? AllowedMentionsParse =>
        Root.TryGetProperty("allowed_mentions", out var mentions)
            ? mentions.GetProperty("parse").EnumerateArray().Select(e => e.GetString()!).ToList()
            : null;
}
