using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Writes <c>plugins.&lt;name&gt;.enabled</c> into settings.json, keeping everything else in the file.
/// The server reads it at start-up (<see cref="PluginSettings.IsDisabled"/>).
/// </summary>
public static class PluginEnablement
{
    public static void Set(string settingsFile, string pluginName, bool enabled) => SetValue(settingsFile, pluginName, "enabled", enabled);

    /// <summary>Writes <c>plugins.&lt;name&gt;.isolation</c> (what <c>cao plugin isolate</c> sets).</summary>
    public static void SetIsolation(string settingsFile, string pluginName, PluginIsolation isolation) =>
        SetValue(settingsFile, pluginName, PluginSettings.IsolationKey, PluginIsolations.Name(isolation));

    /// <summary>Writes <c>plugins.&lt;name&gt;.&lt;key&gt;</c>, keeping the rest of the file.</summary>
    public static void SetValue(string settingsFile, string pluginName, string key, JsonNode value)
    {
        JsonObject root;
        try
        {
            root = File.Exists(settingsFile)
                ? JsonNode.Parse(File.ReadAllText(settingsFile), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                    ?? throw new InstallationException($"{settingsFile} does not hold a JSON object; fix or delete it")
                : [];
        }
        catch (JsonException ex)
        {
            throw new InstallationException($"{settingsFile} is not valid JSON ({ex.Message}); fix or delete it", ex);
        }

        if (root["plugins"] is not JsonObject plugins)
        {
            if (root["plugins"] is not null)
                throw new InstallationException($"\"plugins\" in {settingsFile} is not a JSON object; fix it");
            root["plugins"] = plugins = [];
        }
        if (plugins[pluginName] is not JsonObject plugin)
        {
            if (plugins[pluginName] is not null)
                throw new InstallationException($"\"plugins.{pluginName}\" in {settingsFile} is not a JSON object; fix it");
            plugins[pluginName] = plugin = [];
        }
        plugin[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settingsFile))!);
        // Write beside and rename, so a crash never leaves a half-written settings file behind.
        var temporary = settingsFile + ".tmp";
        File.WriteAllText(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, settingsFile, overwrite: true);
    }
}
