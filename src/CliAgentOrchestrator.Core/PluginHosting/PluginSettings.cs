using System.Text.Json;
using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Per-plugin settings: the <c>plugins.&lt;name&gt;</c> object of <c>$CAO_HOME_DIR/settings.json</c>
/// (values as strings), overridden by environment variables <c>CAO_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c>
/// (name upper-cased, characters other than letters and digits as <c>_</c>).
/// </summary>
public sealed partial class PluginSettings
{
    private readonly Dictionary<string, Dictionary<string, string>> _fromFile;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private PluginSettings(Dictionary<string, Dictionary<string, string>> fromFile, IReadOnlyDictionary<string, string> environment)
    {
        _fromFile = fromFile;
        _environment = environment;
    }

    /// <summary>No settings at all.</summary>
    public static PluginSettings Empty { get; } = new([], new Dictionary<string, string>());

    /// <summary>Reads <paramref name="settingsFile"/> (missing is fine) and the process environment.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON; the message says where.</exception>
    public static PluginSettings Load(string settingsFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        var fromFile = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (File.Exists(settingsFile))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(settingsFile));
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Object)
                {
                    foreach (var plugin in plugins.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
                    {
                        fromFile[plugin.Name] = plugin.Value.EnumerateObject()
                            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.OrdinalIgnoreCase);
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{settingsFile} is not valid JSON ({ex.Message}); fix or delete it", ex);
            }
        }
        return new PluginSettings(fromFile, environment);
    }

    /// <summary>The settings of plugin <paramref name="pluginName"/>, case-insensitive keys.</summary>
    public IReadOnlyDictionary<string, string> For(string pluginName)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (_fromFile.TryGetValue(pluginName, out var fromFile))
        {
            foreach (var (key, value) in fromFile)
                settings[key] = value;
        }
        var prefix = $"CAO_PLUGIN_{NonAlphanumeric().Replace(pluginName.ToUpperInvariant(), "_")}_";
        foreach (var (key, value) in _environment)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
                settings[key[prefix.Length..].ToLowerInvariant()] = value;
        }
        return settings;
    }

    /// <summary>
    /// Whether the user switched plugin <paramref name="pluginName"/> off: <c>plugins.&lt;name&gt;.enabled</c> is
    /// <c>false</c> in settings.json (what <c>cao plugin disable</c> writes) or <c>CAO_PLUGIN_&lt;NAME&gt;_ENABLED</c> is <c>false</c>/<c>0</c>.
    /// </summary>
    public bool IsDisabled(string pluginName) =>
        For(pluginName).TryGetValue("enabled", out var enabled)
        && (string.Equals(enabled.Trim(), "false", StringComparison.OrdinalIgnoreCase) || enabled.Trim() == "0");

    [GeneratedRegex("[^A-Z0-9]")]
    private static partial Regex NonAlphanumeric();
}
