using System.Text;
using System.Text.Json;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>
/// The fake model's "mind": a test writes what the model should do into the prompt itself, so the
/// same rules serve every CLI, every API and every agent of a team (a supervisor's tool call can carry
/// the directives for the worker inside its message argument). Directives, read in order from the
/// newest user text that has any:
/// <list type="bullet">
/// <item><c>[[reply: TEXT]]</c> — answer TEXT (<c>\n</c> for a new line; <c>{result}</c> is replaced by the last tool result).</item>
/// <item><c>[[slow: N]]</c> — stream the answer word by word, N milliseconds apart.</item>
/// <item><c>[[tool: NAME {json}]]</c> — first call the offered tool whose name ends with NAME, with the JSON
/// object as arguments; once its result is back, answer with the reply.</item>
/// </list>
/// Requests without a directive (titles, summaries, warm-ups the CLIs send on their own) get "OK", and so
/// do requests that offer no tools while the directive calls one.
/// </summary>
public static class ModelScript
{
    /// <summary>The answer to a request whose newest directive text is <paramref name="userText"/>.</summary>
    /// <param name="userText">The newest user text holding <c>[[</c>, or null when none does.</param>
    /// <param name="toolResult">The result of the tool this turn called, when the conversation ends with one.</param>
    /// <param name="offeredTools">The names of the tools the request offers.</param>
    public static ModelTurn Decide(string? userText, string? toolResult, IReadOnlyCollection<string> offeredTools)
    {
        if (userText is null) return ModelTurn.Say("OK");
        var directives = Parse(userText);
        var reply = directives.Reply ?? "OK";
        if (directives.ToolSuffix is { } suffix && toolResult is null)
        {
            // A request that offers no tools at all is a CLI's side request about the prompt (OpenCode
            // asks for a session title with the user's text), not the agent's turn: it did not miss anything.
            if (offeredTools.Count == 0) return ModelTurn.Say("OK");
            var tool = offeredTools.FirstOrDefault(t => t.EndsWith(suffix, StringComparison.Ordinal));
            return tool is null
                ? ModelTurn.Say($"{NoToolAnswer} {suffix} among: {string.Join(", ", offeredTools)}")
                : ModelTurn.CallTool(tool, directives.ToolArguments ?? "{}");
        }
        reply = reply.Replace("{result}", toolResult ?? "", StringComparison.Ordinal);
        if (directives.SlowMilliseconds is not { } slow) return ModelTurn.Say(reply);
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= reply.Length; i++)
        {
            if (i == reply.Length || reply[i] == ' ' || reply[i] == '\n')
            {
                words.Add(reply[start..i]);
                start = i;
            }
        }
        return new ModelTurn(words, TimeSpan.FromMilliseconds(slow));
    }

    /// <summary>How the answer starts when the directive's tool is not among the offered ones.</summary>
    public const string NoToolAnswer = "NO TOOL ending with";

    /// <summary>True when <paramref name="text"/> holds a directive.</summary>
    public static bool HasDirective(string text) => text.Contains("[[", StringComparison.Ordinal);

    private sealed record Directives(string? Reply, int? SlowMilliseconds, string? ToolSuffix, string? ToolArguments);

    private static Directives Parse(string text)
    {
        string? reply = null, toolSuffix = null, toolArguments = null;
        int? slow = null;
        var at = 0;
        while ((at = text.IndexOf("[[", at, StringComparison.Ordinal)) >= 0)
        {
            var colon = text.IndexOf(':', at);
            if (colon < 0) break;
            var keyword = text[(at + 2)..colon].Trim();
            var body = colon + 1;
            switch (keyword)
            {
                case "tool":
                    var brace = text.IndexOf('{', body);
                    toolSuffix = text[body..brace].Trim();
                    var length = JsonObjectLength(text, brace);
                    toolArguments = text.Substring(brace, length);
                    at = text.IndexOf("]]", brace + length, StringComparison.Ordinal) + 2;
                    break;
                case "reply" or "slow":
                    var end = text.IndexOf("]]", body, StringComparison.Ordinal);
                    var value = text[body..end].Trim();
                    if (keyword == "reply") reply = value.Replace("\\n", "\n", StringComparison.Ordinal);
                    else slow = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    at = end + 2;
                    break;
                default:
                    at = body;
                    break;
            }
        }
        return new Directives(reply, slow, toolSuffix, toolArguments);
    }

    // The length of the JSON object starting at `start`; the JSON reader skips braces inside strings.
    private static int JsonObjectLength(string text, int start)
    {
        var bytes = Encoding.UTF8.GetBytes(text[start..]);
        // A final block: Skip() refuses partial data; the text after the object is never read.
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, state: default);
        reader.Read();
        // Skip() refuses a reader that is not on its final block; TrySkip() reads the object through
        // (the text after it is not JSON, so the block cannot be final).
        if (!reader.TrySkip()) throw new FormatException($"The [[tool: …]] directive's JSON object is not closed: {text[start..]}");
        return Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.BytesConsumed);
    }
}
