using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// CAO's home directory (<c>CAO_HOME_DIR</c>, default <c>~/.aws/cli-agent-orchestrator</c>) and the
/// layout under it, as the Python original has it. Directories are created owner-only (0700).
/// </summary>
public sealed class CaoHome
{
    public CaoHome(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    public string DatabaseDirectory => Path.Combine(Root, "db");
    public string DatabaseFile => Path.Combine(DatabaseDirectory, "cli-agent-orchestrator.db");
    public string LogDirectory => Path.Combine(Root, "logs");
    public string TerminalLogDirectory => Path.Combine(LogDirectory, "terminal");
    public string TempDirectory => Path.Combine(Root, "tmp");
    public string AgentStoreDirectory => Path.Combine(Root, "agent-store");
    public string AgentContextDirectory => Path.Combine(Root, "agent-context");
    public string PluginsDirectory => Path.Combine(Root, "plugins");
    public string SettingsFile => Path.Combine(Root, "settings.json");

    /// <summary>A local NuGet feed holding the plugin SDK package this cao carries; new plugin projects restore from it.</summary>
    public string PackageFeedDirectory => Path.Combine(Root, "packages");

    public string TerminalLogFile(string terminalId) => Path.Combine(TerminalLogDirectory, terminalId + ".log");

    /// <summary>The home named by the configuration's <c>Home</c> (<c>CAO_HOME_DIR</c>), or the default.</summary>
    public static CaoHome FromConfiguration(IConfiguration configuration) => Resolve(configuration[CaoSettings.Home.Key]);

    /// <summary>The home at <paramref name="configured"/> (with <c>~</c> expanded), or the default when it is empty.</summary>
    public static CaoHome Resolve(string? configured)
    {
        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrWhiteSpace(configured))
            return new CaoHome(Path.Combine(userHome, ".aws", "cli-agent-orchestrator"));
        if (configured == "~" || configured.StartsWith("~/", StringComparison.Ordinal))
            configured = userHome + configured[1..];
        return new CaoHome(configured);
    }

    /// <summary>Creates the home tree with owner-only permissions.</summary>
    public CaoHome EnsureCreated()
    {
        foreach (var directory in new[] { Root, DatabaseDirectory, LogDirectory, TerminalLogDirectory, TempDirectory, AgentStoreDirectory, AgentContextDirectory, PluginsDirectory })
            CreatePrivateDirectory(directory);
        return this;
    }

    public static void CreatePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
