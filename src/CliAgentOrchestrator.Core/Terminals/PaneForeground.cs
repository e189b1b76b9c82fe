namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>What runs in the foreground of a pane, as read from the kernel.</summary>
/// <param name="Command">Named as tmux's <c>#{pane_current_command}</c> names it (e.g. <c>bash</c>, <c>node</c>).</param>
/// <param name="BackAtShell">True when the pane's own shell holds the terminal: the CLI launched in it has exited.</param>
public sealed record PaneForeground(string Command, bool BackAtShell);
