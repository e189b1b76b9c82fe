using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Core.Errors;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>Ids and tmux names, with the Python original's shapes and allow-list.</summary>
public static partial class TerminalNames
{
    public const string SessionPrefix = "cao-";

    public static string NewTerminalId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static string NewSessionName() => SessionPrefix + NewTerminalId();

    public static string WindowName(string profile) => $"{profile}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";

    /// <summary>Prefixes <c>cao-</c> when missing and checks the tmux name allow-list.</summary>
    public static string SessionName(string name)
    {
        var prefixed = name.StartsWith(SessionPrefix, StringComparison.Ordinal) ? name : SessionPrefix + name;
        return IsValidName(prefixed)
            ? prefixed
            : throw new InvalidRequestException($"Invalid session name '{name}': use letters, digits, '_' and '-' (at most 64 characters)");
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static bool IsValidTerminalId(string id) => IdPattern().IsMatch(id);

    /// <summary>Throws a 422 with a clear message for a malformed terminal id.</summary>
    public static string RequireTerminalId(string id) =>
        IsValidTerminalId(id) ? id : throw new InvalidParameterException($"Invalid terminal id '{id}': expected 8 lowercase hex characters");

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-f0-9]{8}$")]
    private static partial Regex IdPattern();
}
