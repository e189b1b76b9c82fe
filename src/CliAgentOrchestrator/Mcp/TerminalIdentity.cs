using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Mcp;

/// <summary>Who the MCP server speaks for: the terminal in <c>CAO_TERMINAL_ID</c>, which must be 8 lowercase hex characters.</summary>
public static partial class TerminalIdentity
{
    public const string Variable = "CAO_TERMINAL_ID";

    /// <summary>The validated id, or null when the variable is unset or malformed.</summary>
    public static string? Current(Func<string, string?>? getVariable = null)
    {
        var value = (getVariable ?? Environment.GetEnvironmentVariable)(Variable);
        return value is not null && IsValid(value) ? value : null;
    }

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[a-f0-9]{8}$")]
    private static partial Regex Pattern();
}
