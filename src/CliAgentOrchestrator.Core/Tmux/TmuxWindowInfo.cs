namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>A window as <c>list-windows</c> reports it.</summary>
/// <param name="Index">Position in the session's window list.</param>
/// <param name="Name">The window name (CAO: <c>&lt;profile&gt;-&lt;4 hex&gt;</c>).</param>
/// <param name="Id">tmux's stable window id, e.g. <c>@3</c>.</param>
public sealed record TmuxWindowInfo(int Index, string Name, string Id);
