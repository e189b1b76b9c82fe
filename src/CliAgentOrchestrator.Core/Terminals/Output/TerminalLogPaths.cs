namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>Where a terminal's output log lives (reference §1.1).</summary>
public static class TerminalLogPaths
{
    /// <summary><c>&lt;home&gt;/logs/terminal</c>.</summary>
    public static string Directory(string homeDirectory) => Path.Combine(homeDirectory, "logs", "terminal");

    /// <summary><c>&lt;home&gt;/logs/terminal/&lt;terminal id&gt;.log</c>.</summary>
    public static string For(string homeDirectory, string terminalId) =>
        Path.Combine(Directory(homeDirectory), terminalId + ".log");
}
