using System.Globalization;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// The form a setting's value must have, and how it is handed to the binder. Values arrive as text
/// from settings.json, the environment or the command line; they are checked here, once, so a bad
/// one stops CAO at start instead of quietly falling back to a default.
/// </summary>
public sealed class SettingKind
{
    private readonly Func<string, string, IEnumerable<KeyValuePair<string, string?>>?> _normalize;

    private SettingKind(string expected, Func<string, string, IEnumerable<KeyValuePair<string, string?>>?> normalize)
    {
        Expected = expected;
        _normalize = normalize;
    }

    /// <summary>What a valid value looks like, for the error line ("must be …").</summary>
    public string Expected { get; }

    /// <summary>Any text, trimmed.</summary>
    public static SettingKind Text { get; } = Single("text", raw => raw);

    /// <summary>A TCP port.</summary>
    public static SettingKind Port { get; } = Single("a port number (1-65535)",
        raw => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? raw : null);

    /// <summary>A whole number above zero (limits, sizes).</summary>
    public static SettingKind PositiveInteger { get; } = Single("a whole number greater than 0",
        raw => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? raw : null);

    /// <summary>
    /// A duration written in seconds (fractions allowed), as every CAO timing variable is. Handed to
    /// the binder as a <see cref="TimeSpan"/> string, because the binder would read a bare "2" as two days.
    /// </summary>
    public static SettingKind PositiveSeconds { get; } = Single("a number of seconds greater than 0",
        raw => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds > 0
               && seconds <= TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : null);

    /// <summary>true/false (or 1/0), any case.</summary>
    public static SettingKind Boolean { get; } = Single("true or false", raw => raw.ToLowerInvariant() switch
    {
        "true" or "1" => "true",
        "false" or "0" => "false",
        _ => null,
    });

    /// <summary>A <see cref="Microsoft.Extensions.Logging.LogLevel"/> name, any case.</summary>
    public static SettingKind LogLevelName { get; } = Single(
        "one of " + string.Join(", ", Enum.GetNames<LogLevel>()),
        raw => Enum.GetNames<LogLevel>().FirstOrDefault(n => string.Equals(n, raw, StringComparison.OrdinalIgnoreCase)));

    /// <summary>One of <paramref name="choices"/>, any case; bound in the case written here.</summary>
    public static SettingKind OneOf(params string[] choices) => Single(
        "one of " + string.Join(", ", choices),
        raw => choices.FirstOrDefault(c => string.Equals(c, raw, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Comma-separated values, bound as a list (<c>key:0</c>, <c>key:1</c>, …).</summary>
    public static SettingKind CommaList { get; } = new("comma-separated values", (key, raw) =>
        raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((item, i) => new KeyValuePair<string, string?>($"{key}:{i}", item)));

    /// <summary>The entries the binder should see for <paramref name="raw"/> at <paramref name="key"/>; null when the value is invalid.</summary>
    public IEnumerable<KeyValuePair<string, string?>>? Normalize(string key, string raw) => _normalize(key, raw.Trim());

    private static SettingKind Single(string expected, Func<string, string?> convert) =>
        new(expected, (key, raw) => convert(raw) is { } value ? [new(key, value)] : null);
}
