namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>How <c>paste-buffer</c> delivers a buffer's bytes.</summary>
public enum PasteMode
{
    /// <summary>tmux's default: line feeds become carriage returns, so each line is typed and submitted.</summary>
    Raw,

    /// <summary><c>-r</c>: bytes exactly as stored, line feeds included (used with self-wrapped bracket markers).</summary>
    Verbatim,

    /// <summary><c>-p</c>: tmux adds bracket markers, but only when the application asked for bracketed paste.</summary>
    Bracketed,
}
