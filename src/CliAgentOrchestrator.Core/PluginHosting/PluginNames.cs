using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// The one rule for names a plugin declares about itself (its assembly name and its entry-point
/// names). Those names come from a file the user downloaded and become folder names and setting
/// keys, so they may hold no path separator, no "..", nothing a shell or a log line treats specially.
/// The rule admits every name the SDK's examples and templates use (<c>discord</c>, <c>my_plugin</c>,
/// <c>Cao.TestPlugins.Recorder</c>).
/// </summary>
public static partial class PluginNames
{
    public const int MaxLength = 100;

    public const string Rule = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters";

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Allowed().IsMatch(name);

    /// <summary>Null when <paramref name="name"/> is valid, else the one-line reason.</summary>
    public static string? Problem(string what, string? name) =>
        IsValid(name) ? null : $"{what} '{Printable(name ?? "")}' is not a valid plugin name: use {Rule}";

    // Echo the offending name without control characters that could forge further log lines.
    private static string Printable(string name)
    {
        var shown = new string(name.Take(MaxLength + 20).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return name.Length > shown.Length ? shown + "…" : shown;
    }

    // "." is allowed inside a name (assembly names are dotted) but a name cannot start with it, so
    // neither "." nor ".." nor a hidden folder can come out of it; '/' and '\' are never allowed.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex Allowed();
}
