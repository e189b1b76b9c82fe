using System.Text.RegularExpressions;
using CliAgentOrchestrator.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Per-plugin settings: the <c>plugins.&lt;name&gt;</c> object of <c>$CAO_HOME_DIR/settings.json</c>
/// (values as strings), overridden by environment variables <c>CAO_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c>
/// (name upper-cased, characters other than letters and digits as <c>_</c>). Both arrive through
/// <see cref="CaoConfiguration"/>: the file as the <c>Plugins</c> section, the variables as
/// <see cref="CaoSettings.PluginVariablesSection"/>.
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

    /// <summary>The plugin settings of <paramref name="configuration"/> (built by <see cref="CaoConfiguration"/>).</summary>
    public static PluginSettings From(IConfiguration configuration)
    {
        var fromFile = configuration.GetSection("Plugins").GetChildren().ToDictionary(
            plugin => plugin.Key,
            plugin => plugin.GetChildren().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
        var environment = configuration.GetSection(CaoSettings.PluginVariablesSection).GetChildren()
            .ToDictionary(v => CaoSettings.PluginVariablePrefix + v.Key, v => v.Value ?? "", StringComparer.Ordinal);
        return new PluginSettings(fromFile, environment);
    }

    /// <summary>Reads <paramref name="settingsFile"/> (missing is fine) and <paramref name="environment"/> through <see cref="CaoConfiguration"/>.</summary>
    /// <exception cref="CaoConfigurationException">The file is not valid JSON; the message says where.</exception>
    public static PluginSettings Load(string settingsFile, IReadOnlyDictionary<string, string> environment) =>
        From(CaoConfiguration.Build(settingsFile, environment));

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

    /// <summary>
    /// Whether the operator configured plugin <paramref name="pluginName"/>: a setting other than
    /// <c>enabled</c>, or <c>enabled</c> set to <c>true</c>. Opt-in built-ins load only then.
    /// </summary>
    public bool IsConfigured(string pluginName)
    {
        var settings = For(pluginName);
        return settings.Keys.Any(k => !string.Equals(k, "enabled", StringComparison.OrdinalIgnoreCase))
            || (settings.TryGetValue("enabled", out var enabled) && (string.Equals(enabled.Trim(), "true", StringComparison.OrdinalIgnoreCase) || enabled.Trim() == "1"));
    }

    [GeneratedRegex("[^A-Z0-9]")]
    private static partial Regex NonAlphanumeric();
}
