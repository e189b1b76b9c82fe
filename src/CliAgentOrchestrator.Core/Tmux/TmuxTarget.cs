namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// One window of one session, addressed exactly. tmux otherwise resolves targets by prefix and
/// pattern, so <c>cao-a</c> could silently hit <c>cao-ab</c>; the <c>=</c> prefixes forbid that.
/// </summary>
public readonly record struct TmuxTarget
{
    public TmuxTarget(string session, string window)
    {
        ValidateName(session, nameof(session));
        ValidateName(window, nameof(window));
        Session = session;
        Window = window;
    }

    public string Session { get; }

    public string Window { get; }

    /// <summary>The window (and its active pane) as a tmux <c>-t</c> argument.</summary>
    public override string ToString() => $"={Session}:={Window}";

    /// <summary>The session alone as an exact tmux <c>-t</c> argument.</summary>
    public static string ExactSession(string session)
    {
        ValidateName(session, nameof(session));
        return "=" + session;
    }

    internal static void ValidateName(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        // ':' separates session from window and '.' window from pane in a target, so a name
        // holding either would be parsed as a different, possibly existing, target.
        if (name.AsSpan().IndexOfAny(":.") >= 0 || name.Any(char.IsControl))
            throw new ArgumentException($"'{name}' cannot be used as a tmux name (':' '.' and control characters are not allowed).", parameter);
    }
}
