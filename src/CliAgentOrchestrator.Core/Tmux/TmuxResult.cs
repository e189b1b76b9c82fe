namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>The raw outcome of one tmux invocation.</summary>
internal sealed record TmuxResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>tmux's wording when there is no server (or no socket file) to talk to.</summary>
    public bool NoServer =>
        Stderr.Contains("no server running", StringComparison.Ordinal)
        || Stderr.Contains("error connecting to", StringComparison.Ordinal)
        || Stderr.Contains("No such file or directory", StringComparison.Ordinal)
        // The server was exiting as we connected (its last session just closed, exit-empty): no server either.
        || Stderr.Contains("server exited unexpectedly", StringComparison.Ordinal);
}
