using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// <c>$CAO_HOME_DIR/settings.json</c> as configuration; a missing file is no settings. Objects nest
/// (<c>"inbox": {"batchSize": 5}</c> is <c>Inbox:BatchSize</c>); arrays become comma-separated text. Under <c>plugins.&lt;name&gt;</c> every
/// property is one value, non-strings as their JSON text (<c>false</c>, <c>30</c>, <c>[1,2]</c>), which is
/// how plugins have always read their settings. The home itself is not read from here: the file lives in it.
/// </summary>
public sealed class SettingsFileProvider(string path) : ConfigurationProvider, IConfigurationSource, ISettingSource
{
    // The dotted path as written in the file, for error lines; configuration keys are case-insensitive.
    private readonly Dictionary<string, string> _written = new(StringComparer.OrdinalIgnoreCase);

    public string Path => path;

    public override void Load()
    {
        if (!File.Exists(path))
            return;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, CaoSettings.Home.Key, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (string.Equals(property.Name, "plugins", StringComparison.OrdinalIgnoreCase))
                    AddPlugins(property.Value);
                else
                    Add(property.Name, property.Name, property.Value);
            }
        }
        catch (JsonException ex)
        {
            throw new CaoConfigurationException($"{path} is not valid JSON ({ex.Message}); fix or delete it", ex);
        }
    }

    public string Describe(CaoSetting setting) =>
        $"{path}: {_written.GetValueOrDefault(setting.Key, setting.Key.Replace(':', '.'))}";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    private void AddPlugins(JsonElement plugins)
    {
        if (plugins.ValueKind != JsonValueKind.Object)
            return;
        foreach (var plugin in plugins.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var setting in plugin.Value.EnumerateObject())
                Data[$"Plugins:{plugin.Name}:{setting.Name}"] = Text(setting.Value);
        }
    }

    private void Add(string key, string written, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var child in value.EnumerateObject())
                Add($"{key}:{child.Name}", $"{written}.{child.Name}", child.Value);
            return;
        }
        if (value.ValueKind == JsonValueKind.Null)
            return;
        // A list may be written as a JSON array; the table's list settings take comma-separated text.
        Data[key] = value.ValueKind == JsonValueKind.Array ? string.Join(',', value.EnumerateArray().Select(Text)) : Text(value);
        _written[key] = written;
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
