namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>A configuration provider that can say, for an error line, where a setting's value came from.</summary>
public interface ISettingSource
{
    /// <summary>How the user set <paramref name="setting"/> here: a variable name, a file and key, an option.</summary>
    string Describe(CaoSetting setting);
}
