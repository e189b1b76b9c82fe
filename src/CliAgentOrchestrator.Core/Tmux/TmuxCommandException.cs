namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// A tmux command failed. <see cref="Stderr"/> carries tmux's own explanation (for example
/// <c>can't find window: =cao-a:=dev-1234</c>), which is usually all a caller needs to report.
/// </summary>
public sealed class TmuxCommandException : Exception
{
    public TmuxCommandException(IReadOnlyList<string> arguments, int exitCode, string stderr)
        : base(BuildMessage(arguments, exitCode, stderr))
    {
        Arguments = arguments;
        ExitCode = exitCode;
        Stderr = stderr;
    }

    /// <summary>The tmux arguments, socket selection included.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>tmux's exit code; -1 when the process could not be started.</summary>
    public int ExitCode { get; }

    /// <summary>tmux's standard error, trimmed.</summary>
    public string Stderr { get; }

    private static string BuildMessage(IReadOnlyList<string> arguments, int exitCode, string stderr)
    {
        // The sub-command is the first argument after the optional "-L <socket>" pair.
        var command = arguments.Count > 2 && arguments[0] == "-L" ? arguments[2] : arguments.FirstOrDefault() ?? "";
        var reason = string.IsNullOrWhiteSpace(stderr) ? $"exit code {exitCode}" : stderr.Trim();
        return $"tmux {command} failed: {reason}";
    }
}
