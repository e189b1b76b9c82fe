using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for OpenCode 1.18.x, a full-screen TUI. Messages and tool output sit in
// blocks behind a `┃` bar ("  ┃  message", "  ┃  $ mkdir …"), the model's text five columns in, and
// each turn ends with a marker line "▣  Build · Model · 7.0s" (no duration while it runs). At the
// bottom: the input box (`┃` lines closed by "╹▀▀▀"), then a footer: "⬝⬝■■■■  esc interrupt … ctrl+p
// commands" while a turn runs, "<folder>  11  ctrl+p commands" when idle. A permission request
// replaces the input box with "△ Permission required … Allow once  Allow always  Reject … enter confirm".
// A wide terminal (CAO's panes are 220 columns) adds a sidebar on the right (session title, "Context",
// "11 tokens", "0% used", MCP servers), cut off before any rule looks at the lines.
public sealed partial class OpenCodeCliProvider
{
    // Non-blank lines at the bottom that hold the footer (the start screen adds a tip and a folder line under it).
    private const int FooterLines = 4;

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = WithoutSidebar(ScreenLines.Read(screen));
        if (lines.Length == 0) return TerminalStatus.Unknown;
        var footer = ScreenLines.Tail(string.Join('\n', lines), FooterLines);

        var permission = ScreenLines.LastIndex(lines, PermissionHeading());
        if (permission >= 0 && !IdleFooter().IsMatch(string.Join('\n', lines[(permission + 1)..])))
            return TerminalStatus.WaitingUserAnswer;
        if (BusyFooter().IsMatch(footer)) return TerminalStatus.Processing;
        if (!IdleFooter().IsMatch(footer)) return TerminalStatus.Unknown;

        // A message (or tool output) below the last turn marker: the turn has started but its marker
        // and busy footer are not drawn yet. Reading that moment as idle would stick (the status latch
        // keeps a ready state against later "processing" readings).
        var transcriptEnd = InputBoxTop(lines);
        var marker = ScreenLines.LastIndex(lines, TurnMarker(), 0, transcriptEnd);
        if (ScreenLines.LastIndex(lines, BarLine(), 0, transcriptEnd) > marker && marker >= 0) return TerminalStatus.Processing;
        if (marker < 0) return StartedFirstTurn(lines, transcriptEnd) ? TerminalStatus.Processing : TerminalStatus.Idle;
        // A failing endpoint is retried with growing pauses for as long as OpenCode runs ("[retrying in
        // 14s attempt #5]" in the busy footer), so there is no error screen to recognise: it reads as processing.
        return FinishedTurnMarker().IsMatch(lines[marker]) ? TerminalStatus.Completed : TerminalStatus.Processing;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = WithoutSidebar(ScreenLines.Read(screen));
        var marker = ScreenLines.LastIndex(lines, FinishedTurnMarker());
        if (marker < 0) throw new ProviderExtractionException("opencode_cli: no finished turn (▣ … · 1.2s) on the screen.");

        // The answer is the text right above the marker, up to the block (message, tool output) or
        // tool line before it: after a tool call, only the model's last words count.
        var start = marker;
        while (start > 0 && !BarLine().IsMatch(lines[start - 1]) && !TurnMarker().IsMatch(lines[start - 1]) && !ToolLine().IsMatch(lines[start - 1]))
            start--;
        // A long tool line wraps onto lines indented deeper than the text; they belong to the tool line.
        if (start > 0 && ToolLine().IsMatch(lines[start - 1]))
            while (start < marker && lines[start].StartsWith(TextIndent + " ", StringComparison.Ordinal)) start++;
        var body = lines[start..marker].Select(l => l.StartsWith(TextIndent, StringComparison.Ordinal) ? l[TextIndent.Length..] : l.TrimStart());
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("opencode_cli: the last answer is empty.");
        return message;
    }

    // The first line of the input box: the `┃` lines just above its "╹▀▀▀" bottom edge (the screen's
    // end when no box is drawn).
    private static int InputBoxTop(string[] lines)
    {
        var bottom = ScreenLines.LastIndex(lines, InputBoxBottom());
        if (bottom < 0) return lines.Length;
        var top = bottom;
        while (top > 0 && BarLine().IsMatch(lines[top - 1])) top--;
        return top;
    }

    // Before the first marker, a message in the transcript (not the start screen's box in the middle)
    // means the first turn is starting: the start screen has no `┃` line above its input box.
    private static bool StartedFirstTurn(string[] lines, int transcriptEnd) =>
        ScreenLines.LastIndex(lines, BarLine(), 0, transcriptEnd) >= 0;

    // The sidebar's column is where its "0% used" line starts; everything from there on is sidebar.
    private static string[] WithoutSidebar(string[] lines)
    {
        var usage = lines.Select(l => SidebarUsage().Match(l)).FirstOrDefault(m => m.Success);
        if (usage is null) return lines;
        var column = usage.Groups["side"].Index;
        return [.. lines.Select(l => l.Length > column ? l[..column].TrimEnd() : l)];
    }

    // The model's text sits five columns in.
    private const string TextIndent = "     ";

    [GeneratedRegex(@"\S?\s{4,}(?<side>\d+% used)\s*$")]
    private static partial Regex SidebarUsage();

    [GeneratedRegex(@"△\s+(Permission required|Always allow)\b")]
    private static partial Regex PermissionHeading();

    // The progress bar (⬝/■) or the interrupt key: a turn is running (or retrying a failed request).
    [GeneratedRegex(@"esc interrupt|^\s*[⬝■]{4,}", RegexOptions.Multiline)]
    private static partial Regex BusyFooter();

    [GeneratedRegex(@"ctrl\+p commands")]
    private static partial Regex IdleFooter();

    // "▣  Build · Claude Fake" while the turn runs; "▣  Build · Claude Fake · 7.0s" (or "· 1m 8s", or "· 390ms"
    // for a turn under a second) once it is over.
    [GeneratedRegex(@"^\s*▣\s")]
    private static partial Regex TurnMarker();

    [GeneratedRegex(@"^\s*▣\s+.+·.+·\s*((\d+m\s*)?\d+(\.\d+)?s|\d+ms)\s*$")]
    private static partial Regex FinishedTurnMarker();

    [GeneratedRegex(@"^\s*┃")]
    private static partial Regex BarLine();

    [GeneratedRegex(@"^\s*╹▀")]
    private static partial Regex InputBoxBottom();

    // "→ Read /etc/hostname", "⚙ cao-mcp-server_send_message …", a spinner while a tool runs.
    [GeneratedRegex(@"^\s{5}[→⚙✱◇⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] \S")]
    private static partial Regex ToolLine();
}
