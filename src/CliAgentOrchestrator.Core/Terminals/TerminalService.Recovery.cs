using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// After a crash (or a tmux error mid-paste) the inbox knows which one message may have been typed.
// The terminal's own log (tmux keeps writing it while no server runs) tells whether it was: the
// pane echoes what is pasted, so the message's text appears in the log after the offset recorded
// just before the paste. The input line on screen tells whether Enter followed.
public sealed partial class TerminalService
{
    // The tail of a message's last line is what we look for: a TUI may wrap or reflow a long
    // line, but its end arrives contiguous, and tmux's echo of a short one is verbatim.
    private const int NeedleLength = 40;

    // On the input line only the very end of the text is looked for: the row may hold a wrapped remainder.
    private const int InputLineNeedleLength = 12;

    /// <summary>The terminal's output log length now: recorded before a paste, so only output after it counts.</summary>
    public long LogLength(string terminalId)
    {
        var file = new FileInfo(home.TerminalLogFile(TerminalNames.RequireTerminalId(terminalId)));
        return file.Exists ? file.Length : 0;
    }

    /// <summary>
    /// Whether <paramref name="text"/> reached the terminal after <paramref name="logOffset"/> of its
    /// log, and if so whether it still waits on the input line for Enter.
    /// </summary>
    /// <remarks>
    /// Limits, documented in docs/architecture.md: a CLI that neither echoes pasted text nor shows it
    /// (or collapses it to "[Pasted text]") looks untyped and gets the message again (at least once);
    /// identical text from the answer to an earlier message, printed after the offset, looks typed.
    /// </remarks>
    public async Task<TypedCheck> CheckTypedAsync(string terminalId, string text, long logOffset, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        var runtime = RuntimeOf(record);
        var needle = Needle(text, NeedleLength);
        if (needle.Length == 0)
            return TypedCheck.NotTyped;
        var logged = ReadLogFrom(home.TerminalLogFile(record.Id), logOffset);
        if (!logged.Contains(needle, StringComparison.Ordinal) && !AnsiText.Strip(logged).Contains(needle, StringComparison.Ordinal))
            return TypedCheck.NotTyped;
        if (await IsOnInputLineAsync(runtime.Target, Needle(text, InputLineNeedleLength), cancellationToken))
            return TypedCheck.AwaitingEnter;
        // Typed, but not on the input line. Either it was submitted, or the agent printed output
        // after the echo (it was still answering earlier messages) and the text waits, unseen, in
        // the terminal's line buffer: found by the crash test as lost messages. At a ready prompt
        // one Enter settles both: it submits the hidden text, or is an empty line, which REPLs and
        // TUIs ignore. Anywhere else (processing, a question on screen) an Enter could do harm, so
        // the caller asks again when the agent is ready.
        return await RefreshStatusAsync(record.Id, cancellationToken) is TerminalStatus.Idle or TerminalStatus.Completed
            ? TypedCheck.AwaitingEnter
            : TypedCheck.Undecided;
    }

    /// <summary>Presses the provider's Enter(s) for text that was pasted but never submitted.</summary>
    public async Task SubmitPastedAsync(string terminalId, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        var runtime = RuntimeOf(record);
        await runtime.InputGate.WaitAsync(cancellationToken);
        try
        {
            runtime.Monitor.NotifyInputSent();
            for (var i = 0; i < runtime.Provider.PasteEnterCount; i++)
                await tmux.SendKeyAsync(runtime.Target, "Enter", cancellationToken);
        }
        finally
        {
            runtime.InputGate.Release();
        }
    }

    private async Task<bool> IsOnInputLineAsync(TmuxTarget target, string tail, CancellationToken cancellationToken)
    {
        var cursor = int.Parse(await tmux.DisplayAsync(target, "#{cursor_y}", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var rows = (await tmux.CapturePaneAsync(target, CaptureRange.Visible, cancellationToken: cancellationToken)).Split('\n');
        return cursor < rows.Length && AnsiText.Strip(rows[cursor]).Contains(tail, StringComparison.Ordinal);
    }

    private static string Needle(string text, int length)
    {
        var lastLine = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";
        return lastLine.Length <= length ? lastLine : lastLine[^length..];
    }

    private static string ReadLogFrom(string path, long offset)
    {
        if (!File.Exists(path))
            return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        // A log that shrank (truncated by hand) cannot be trusted from the offset: read it all.
        stream.Position = offset <= stream.Length ? offset : 0;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
