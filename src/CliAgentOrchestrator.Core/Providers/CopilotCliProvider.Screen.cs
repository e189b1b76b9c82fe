using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for Copilot CLI 1.0.x, a full-screen TUI. From the bottom: a footer line
// (" ← open sidebar · Interactive · … / commands · ? help …" when idle, " ○ Working · 22 B esc esc
// interrupt" while a turn runs), the input box (`❯` at column 0 between two `─` rules), the folder
// line, then the transcript: each item starts one space in with a glyph (" ❯ message", " ● answer",
// " $ Shell …", " ✗ error") and continues three spaces in. Dialogs (folder trust, tool permission)
// replace the input box with a framed menu ending "↑/↓ to navigate · enter to select · esc to cancel".
public sealed partial class CopilotCliProvider
{
    // Non-blank lines at the bottom searched for a dialog's menu hint.
    private const int DialogTailLines = 4;

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;
        if (IsDialogShowing(lines)) return TerminalStatus.WaitingUserAnswer;

        var input = ScreenLines.LastIndex(lines, InputLine());
        if (input < 0) return TerminalStatus.Unknown;
        // The footer says whether a turn runs; anything but the idle footer (Working, Loading skills,
        // a start-up notice) means Copilot would not take input yet.
        if (!IdleFooter().IsMatch(lines[^1])) return TerminalStatus.Processing;

        var (from, to) = LastTurn(lines, input);
        if (from < 0) return TerminalStatus.Idle;
        var last = LastItem(lines, from, to);
        if (last >= 0 && ErrorItem().IsMatch(lines[last])) return TerminalStatus.Error;
        return LastAnswer(lines, from, to) >= 0 ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var input = ScreenLines.LastIndex(lines, InputLine());
        var (from, to) = LastTurn(lines, input < 0 ? lines.Length : input);
        if (from < 0) throw new ProviderExtractionException("copilot_cli: no submitted message on the screen.");
        var answer = LastAnswer(lines, from, to);
        if (answer < 0) throw new ProviderExtractionException("copilot_cli: no answer (●) after the last message.");

        var end = to;
        for (var i = answer + 1; i < to; i++)
            if (ItemLine().IsMatch(Unframed(lines[i]))) { end = i; break; }
        var body = new List<string> { ItemLine().Replace(Unframed(lines[answer]), "", 1) };
        // Continuation lines sit three columns in, under the text after "● ".
        body.AddRange(lines[(answer + 1)..end].Select(Unframed).Select(l => l.StartsWith("   ", StringComparison.Ordinal) ? l[3..] : l.TrimStart()));
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("copilot_cli: the last answer is empty.");
        return message;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<StartupDialog> StartupDialogs { get; } =
    [
        // "Confirm folder trust": "1. Yes" (this session only) is preselected. "2. Yes, and remember"
        // would write the folder into the user's Copilot config, which CAO leaves alone.
        new("copilot folder trust", s => IsDialogShowing(ScreenLines.Read(s))
            && ScreenLines.Tail(s, 12).Contains("Do you trust the files in this folder?", StringComparison.Ordinal), ["Enter"]),
    ];

    // The dialog's menu hint is on its last framed line, at the very bottom where the input box was.
    private static bool IsDialogShowing(string[] lines)
    {
        var tail = ScreenLines.Tail(string.Join('\n', lines), DialogTailLines);
        return tail.Contains("to navigate", StringComparison.Ordinal) && tail.Contains("enter to select", StringComparison.OrdinalIgnoreCase);
    }

    // The transcript of the last turn: after the last submitted message, up to the folder line above
    // the input box. (-1, -1) when nothing was submitted yet.
    private static (int From, int To) LastTurn(string[] lines, int input)
    {
        var to = input;
        if (to > 0 && Rule().IsMatch(lines[to - 1])) to--;
        if (to > 0 && FolderLine().IsMatch(lines[to - 1])) to--;
        var user = ScreenLines.LastIndex(lines, UserMessageLine(), 0, to);
        return user < 0 ? (-1, -1) : (user + 1, to);
    }

    // The last "● text" item that is the model's answer, not one of Copilot's own notices.
    private static int LastAnswer(string[] lines, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            var line = Unframed(lines[i]);
            if (AnswerItem().IsMatch(line) && !NoticeItem().IsMatch(line) && !McpToolItem().IsMatch(line)) return i;
        }
        return -1;
    }

    // The last transcript item in [from, to) that is not one of Copilot's notices.
    private static int LastItem(string[] lines, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            var line = Unframed(lines[i]);
            if (ItemLine().IsMatch(line) && !NoticeItem().IsMatch(line)) return i;
        }
        return -1;
    }

    // A transcript longer than the screen gets a scrollbar thumb (┃) in the last column.
    private static string Unframed(string line) => ScrollbarThumb().Replace(line, "");

    [GeneratedRegex(@"\s*┃$")]
    private static partial Regex ScrollbarThumb();

    // The input box: `❯` at column 0, alone or with typed text.
    [GeneratedRegex(@"^❯(\s|$)")]
    private static partial Regex InputLine();

    // A submitted message in the transcript: one space in.
    [GeneratedRegex(@"^ ❯ \S")]
    private static partial Regex UserMessageLine();

    // The start of any transcript item: one space, a glyph that is not a letter, a space.
    [GeneratedRegex(@"^ [^\s\p{L}\p{N}] ")]
    private static partial Regex ItemLine();

    [GeneratedRegex(@"^ ● \S")]
    private static partial Regex AnswerItem();

    [GeneratedRegex(@"^ ✗ ")]
    private static partial Regex ErrorItem();

    // Copilot's own "●" lines: start-up notices and retry messages, never the model's answer.
    [GeneratedRegex(@"^ ● (MCP Servers? reloaded|Selected custom agent|Tip: |Loading|.*\bRetrying\.\.\.$)")]
    private static partial Regex NoticeItem();

    // "● send_message (MCP: cao-mcp-server) · receiver_id: …": a tool call, shown with the answer glyph.
    [GeneratedRegex(@"^ \S \S+ \(MCP: [^)]*\)")]
    private static partial Regex McpToolItem();

    [GeneratedRegex(@"^─{10,}\s*$")]
    private static partial Regex Rule();

    // " /tmp/work" or " ~/src/app [⎇ main]": the folder line above the input box.
    [GeneratedRegex(@"^ [~/]")]
    private static partial Regex FolderLine();

    // The idle footer lists the command and help keys; the working footer replaces it.
    [GeneratedRegex(@"/ commands|\? help")]
    private static partial Regex IdleFooter();
}
