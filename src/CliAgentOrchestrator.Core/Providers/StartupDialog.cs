namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// A start-up question a CLI may ask before it is usable (trust this folder, accept bypass mode,
/// skip an update), and the keys that answer it.
/// </summary>
/// <param name="Name">For logs and timeout messages.</param>
/// <param name="IsShowing">True when the (escape-stripped) screen shows the dialog now, still unanswered;
/// false when its text is only left in scrollback, or init would wait on it until the timeout.</param>
/// <param name="Keys">tmux key names to send, in order.</param>
public sealed record StartupDialog(string Name, Func<string, bool> IsShowing, IReadOnlyList<string> Keys);
