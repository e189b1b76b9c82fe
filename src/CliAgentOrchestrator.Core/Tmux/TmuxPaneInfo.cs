namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>The active pane of one window, as <c>list-windows -a</c> reports it.</summary>
/// <param name="Session">The session name.</param>
/// <param name="Window">The window name.</param>
/// <param name="Pid">The pane's first process (the shell tmux started).</param>
/// <param name="Command">The pane's foreground command name (<c>#{pane_current_command}</c>).</param>
/// <param name="Piped">Whether the pane's output is piped somewhere (<c>#{pane_pipe}</c>).</param>
public sealed record TmuxPaneInfo(string Session, string Window, int Pid, string Command, bool Piped = false)
{
    /// <summary>
    /// The panes keyed by their plain session and window names (the first of any repeat). Plain names,
    /// not <see cref="TmuxTarget"/>: the server may hold other people's windows, named as tmux allows.
    /// </summary>
    public static Dictionary<(string Session, string Window), TmuxPaneInfo> ByWindow(IEnumerable<TmuxPaneInfo> panes) =>
        panes.GroupBy(p => (p.Session, p.Window)).ToDictionary(g => g.Key, g => g.First());
}
