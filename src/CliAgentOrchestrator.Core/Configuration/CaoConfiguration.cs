using System.Collections;
using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// The one way CAO reads its configuration. Sources, later winning: <c>$CAO_HOME_DIR/settings.json</c>,
/// the environment variables of <see cref="CaoSettings"/>, then command-line options. Every setting of
/// the table is checked here; a bad value throws <see cref="CaoConfigurationException"/> naming its source.
/// Options classes are then bound from the result with <see cref="Bind{T}"/> (or <c>AddOptions().Bind()</c>).
/// </summary>
public static class CaoConfiguration
{
    /// <summary>The configuration of this process: its environment plus <paramref name="commandLine"/>.</summary>
    public static IConfiguration FromProcess(IReadOnlyDictionary<string, string?>? commandLine = null) =>
        Build(ProcessEnvironment(), commandLine);

    /// <summary>
    /// The configuration from <paramref name="environment"/> (tests pass their own rather than change the
    /// process's), the settings.json of the home it names, and <paramref name="commandLine"/> (keys of <see cref="CaoSettings"/>).
    /// </summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string?>? commandLine = null)
    {
        var home = commandLine?.GetValueOrDefault(CaoSettings.Home.Key)
            ?? environment.GetValueOrDefault(CaoSettings.Home.Variable);
        return Build(CaoHome.Resolve(home).SettingsFile, environment, commandLine);
    }

    /// <summary>As <see cref="Build(IReadOnlyDictionary{string, string}, IReadOnlyDictionary{string, string?}?)"/> with an explicit settings file.</summary>
    public static IConfiguration Build(string settingsFile, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string?>? commandLine = null)
    {
        var raw = new ConfigurationBuilder()
            .Add(new SettingsFileProvider(settingsFile))
            .Add(new EnvironmentSettingsProvider(environment))
            .Add(new CommandLineSettingsProvider(commandLine ?? new Dictionary<string, string?>()))
            .Build();

        // The binder sees checked, normalized values for the table's keys and everything else as written.
        var tableKeys = CaoSettings.All.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = raw.AsEnumerable().Where(e => e.Value is not null && !tableKeys.Contains(e.Key)).ToList();
        foreach (var setting in CaoSettings.All)
            values.AddRange(Check(raw, setting));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>Options <typeparamref name="T"/> bound from <paramref name="section"/>; defaults where nothing is set.</summary>
    public static T Bind<T>(this IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>The process environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, string?>> Check(IConfigurationRoot raw, CaoSetting setting)
    {
        // Only the winning value counts: a bad value in settings.json that the environment overrides is not used.
        // A blank value is no value, in every source, as it was for the hand-written parsers.
        foreach (var provider in raw.Providers.Reverse())
        {
            if (!provider.TryGet(setting.Key, out var value) || string.IsNullOrWhiteSpace(value))
                continue;
            return setting.Kind.Normalize(setting.Key, value)
                ?? throw new CaoConfigurationException(
                    $"{((ISettingSource)provider).Describe(setting)} must be {setting.Kind.Expected}, got '{value}'.");
        }
        return [];
    }
}
