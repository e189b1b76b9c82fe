namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// A start-up question a CLI may ask before it is usable (trust this folder, accept bypass mode,
/// skip an update), and the keys that answer it.
/// </summary>
/// <param name="Name">For logs and timeout messages.</param>
/// <param name="IsShowing">True when the (escape-stripped) screen shows the dialog now, still unanswered;
/// false when its text is only left in scrollback, or init would wait on it until the timeout.</param>
/// <param name="Keys">tmux key names to send, in order.</param>
public sealed record StartupDialog(string Name, Func<string, bool> IsShowing, IReadOnlyList<string> Keys)
{
    /// <summary>
    /// Keys worked out from the (escape-stripped) screen instead of <see cref="Keys"/>, for menus whose
    /// cursor position decides what Enter picks (see <see cref="MenuCursor"/>).
    /// </summary>
    public Func<string, IReadOnlyList<string>>? KeysForScreen { get; init; }

    /// <summary>
    /// How long the dialog must have stood on the screen, unchanged, before it is answered. For CLIs that
    /// throw away input arriving while such a screen opens, and fail when that takes them too long (Codex
    /// 0.169 exits with "timed out discarding buffered terminal input" when keys come in during its
    /// one-second discard on a starved machine). Zero answers at first sight.
    /// </summary>
    public TimeSpan Settle { get; init; }

    /// <summary>A dialog answered by moving a menu's cursor to the option containing <paramref name="option"/> and pressing Enter.</summary>
    public static StartupDialog Choose(string name, Func<string, bool> isShowing, string option) =>
        new(name, isShowing, []) { KeysForScreen = screen => MenuCursor.KeysToChoose(screen, option) };

    /// <summary>The keys that answer the dialog on <paramref name="plainScreen"/>, or the next step towards it.</summary>
    public IReadOnlyList<string> KeysFor(string plainScreen) => KeysForScreen?.Invoke(plainScreen) ?? Keys;

    /// <summary>
    /// Whether <paramref name="keys"/> answer the dialog, rather than only moving a menu's cursor (a step
    /// that is repeated from what the screen shows until the cursor is on the option).
    /// </summary>
    public bool Answers(IReadOnlyList<string> keys) => KeysForScreen is null || keys.Contains(MenuCursor.Enter);
}
