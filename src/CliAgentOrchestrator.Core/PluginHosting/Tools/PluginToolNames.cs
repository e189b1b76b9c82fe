using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>
/// How plugin tools are named for agents. Model APIs accept tool names of <c>[A-Za-z0-9_-]</c> only
/// (Anthropic and OpenAI both refuse dots) and at most 64 characters, and Claude Code prefixes MCP
/// tools with <c>mcp__cao-mcp-server__</c>: hence <c>_</c> as the separator, dots of plugin names
/// mapped to <c>_</c>, and a 48-character limit on the tool's own part.
/// </summary>
public static partial class PluginToolNames
{
    /// <summary>The longest name an agent sees.</summary>
    public const int MaxQualifiedLength = 64;

    /// <summary>CAO's own tools in <c>cao mcp-server</c>; no plugin tool may take these names.</summary>
    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.Ordinal) { "send_message", "assign", "handoff", "delete_terminal" };

    /// <summary><c>&lt;plugin&gt;_&lt;tool&gt;</c>, with the plugin name's dots (and upper case) made safe for model APIs.</summary>
    public static string Qualify(string pluginName, string toolName) =>
        pluginName.Replace('.', '_').ToLowerInvariant() + "_" + toolName;

    /// <summary>Why <paramref name="toolName"/> cannot be a tool name, or null when it can.</summary>
    public static string? Problem(string pluginName, string toolName)
    {
        if (!ToolPattern().IsMatch(toolName))
            return $"tool name '{toolName}' must be 1-48 characters of lowercase letters, digits, '_' and '-', starting with a letter";
        var qualified = Qualify(pluginName, toolName);
        if (qualified.Length > MaxQualifiedLength)
            return $"'{qualified}' is longer than {MaxQualifiedLength} characters, which model APIs refuse; shorten the tool or plugin name";
        if (BuiltIn.Contains(qualified))
            return $"'{qualified}' is one of CAO's own tools";
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,47}$")]
    private static partial Regex ToolPattern();
}
