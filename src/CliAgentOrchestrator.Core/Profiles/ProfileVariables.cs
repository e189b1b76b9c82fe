using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// Resolves <c>${VAR}</c> placeholders in profiles: the process environment first, then the managed
/// <c>&lt;home&gt;/.env</c> file. Unknown placeholders are left as written, so a missing secret shows up
/// verbatim instead of silently becoming an empty string.
/// </summary>
public sealed partial class ProfileVariables
{
    private readonly Func<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, string> _dotEnv;

    /// <param name="homeDirectory">CAO home; its <c>.env</c> is read once, here. Null: environment only.</param>
    /// <param name="environment">Variable lookup; the process environment by default.</param>
    public ProfileVariables(string? homeDirectory, Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        var file = homeDirectory is null ? null : Path.Combine(homeDirectory, ".env");
        _dotEnv = file is not null && File.Exists(file) ? ParseDotEnv(File.ReadAllText(file)) : new Dictionary<string, string>();
    }

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public string? Get(string name) => _environment(name) ?? (_dotEnv.TryGetValue(name, out var v) ? v : null);

    /// <summary><paramref name="text"/> with every known <c>${VAR}</c> replaced.</summary>
    public string Substitute(string text) =>
        text.Contains("${", StringComparison.Ordinal)
            ? Placeholder().Replace(text, m => Get(m.Groups[1].Value) ?? m.Value)
            : text;

    /// <summary>Parses <c>KEY=value</c> lines (optional <c>export</c>, quotes, <c>#</c> comments).</summary>
    public static IReadOnlyDictionary<string, string> ParseDotEnv(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                value = value[1..^1];
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0)
                value = value[..hash].TrimEnd();
            values[key] = value;
        }
        return values;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
