using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>Values given as command-line options (e.g. <c>cao server --port</c>), keyed by configuration key; null means "not given".</summary>
public sealed class CommandLineSettingsProvider(IReadOnlyDictionary<string, string?> options) : ConfigurationProvider, IConfigurationSource, ISettingSource
{
    public override void Load()
    {
        foreach (var (key, value) in options)
        {
            if (value is not null)
                Data[key] = value;
        }
    }

    public string Describe(CaoSetting setting) => setting.Option ?? setting.Key;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
