namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// A tmux command failed. <see cref="Stderr"/> carries tmux's own explanation (for example
/// <c>can't find window: =cao-a:=dev-1234</c>), which is usually all a caller needs to report.
/// </summary>
public sealed class TmuxCommandException : Exception
{
    /// <param name="command">The tmux command that failed; by default the sub-command in
    /// <paramref name="arguments"/>. A script read from standard input names its own, since its
    /// arguments only say <c>start-server ; source-file -</c>.</param>
    public TmuxCommandException(IReadOnlyList<string> arguments, int exitCode, string stderr, string? command = null)
        : base(BuildMessage(command ?? SubCommand(arguments), exitCode, stderr))
    {
        Command = command ?? SubCommand(arguments);
        Arguments = arguments;
        ExitCode = exitCode;
        Stderr = stderr;
    }

    /// <summary>The tmux arguments, socket selection included.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The tmux command that failed, e.g. <c>new-session</c> or <c>pipe-pane</c>.</summary>
    public string Command { get; }

    /// <summary>tmux's exit code; -1 when the process could not be started or did not answer in time.</summary>
    public int ExitCode { get; }

    /// <summary>tmux's standard error, trimmed.</summary>
    public string Stderr { get; }

    private static string BuildMessage(string command, int exitCode, string stderr)
    {
        var reason = string.IsNullOrWhiteSpace(stderr) ? $"exit code {exitCode}" : stderr.Trim();
        return $"tmux {command} failed: {reason}";
    }

    // The sub-command is the first argument after the optional "-L <socket>" pair.
    private static string SubCommand(IReadOnlyList<string> arguments) =>
        arguments.Count > 2 && arguments[0] == "-L" ? arguments[2] : arguments.FirstOrDefault() ?? "";
}
