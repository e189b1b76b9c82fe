using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// The environment as configuration: each variable of <see cref="CaoSettings.All"/> under its key, and
/// every <c>CAO_PLUGIN_*</c> variable under <see cref="CaoSettings.PluginVariablesSection"/>. Nothing else
/// is read, so an unrelated variable can never change CAO by accident of its name.
/// </summary>
public sealed class EnvironmentSettingsProvider(IReadOnlyDictionary<string, string> environment) : ConfigurationProvider, IConfigurationSource, ISettingSource
{
    public override void Load()
    {
        // An empty variable means "not set", as it did for every hand-written parser before.
        foreach (var setting in CaoSettings.All)
        {
            if (environment.TryGetValue(setting.Variable, out var value) && !string.IsNullOrWhiteSpace(value))
                Data[setting.Key] = value;
        }
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith(CaoSettings.PluginVariablePrefix, StringComparison.Ordinal) && name.Length > CaoSettings.PluginVariablePrefix.Length)
                Data[$"{CaoSettings.PluginVariablesSection}:{name[CaoSettings.PluginVariablePrefix.Length..]}"] = value;
        }
    }

    public string Describe(CaoSetting setting) => setting.Variable;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
