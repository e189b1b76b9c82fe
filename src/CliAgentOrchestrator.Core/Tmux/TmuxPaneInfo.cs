namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>The active pane of one window, as <c>list-windows -a</c> reports it.</summary>
/// <param name="Session">The session name.</param>
/// <param name="Window">The window name.</param>
/// <param name="Pid">The pane's first process (the shell tmux started).</param>
/// <param name="Command">The pane's foreground command name (<c>#{pane_current_command}</c>).</param>
/// <param name="Piped">Whether the pane's output is piped somewhere (<c>#{pane_pipe}</c>).</param>
public sealed record TmuxPaneInfo(string Session, string Window, int Pid, string Command, bool Piped = false);
