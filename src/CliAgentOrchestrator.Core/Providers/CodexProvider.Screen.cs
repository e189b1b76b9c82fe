using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for Codex. Two transcript styles exist: labels ("You …" / "assistant: …")
// and bullets ("› message" / "• answer"). The composer line (`›`, `❯`, `»` or `codex>`) is the
// last prompt-shaped line; submitted messages are prompt-shaped lines above it. Footer chrome
// ("? for shortcuts", "88% context left", "· ~/path") is ignored when looking for the composer.
//
// Codex 0.169 keeps its composer on screen the whole time and drops the "Working" line as soon as
// the answer starts to stream, so neither tells that a turn is still running. What does is the
// "Worked for 7s • 4:12 AM" line Codex prints under the answer when the turn has ended: a bullet
// answer without it is still streaming (codex_0.169.0_streaming.txt).
public sealed partial class CodexProvider
{
    // The composer must sit within this many non-chrome lines of the bottom to count as idle.
    private const int PromptWindow = 5;

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;

        var (input, lastUser) = Locate(lines);

        // A modal or question below the composer (or with no composer at all) waits for an answer,
        // unless Codex has printed new output since: then it is history.
        var question = ScreenLines.LastIndex(lines, QuestionLine(), Math.Max(lastUser, input) + 1);
        if (question >= 0 && ScreenLines.LastIndex(lines, AssistantLine(), question + 1) < 0)
            return TerminalStatus.WaitingUserAnswer;

        var error = ScreenLines.LastIndex(lines, ErrorLine(), lastUser + 1);
        if (error >= 0 && ScreenLines.LastIndex(lines, AssistantLine(), error + 1) < 0 && (input < error || input < 0))
            return TerminalStatus.Error;

        if (ScreenLines.LastIndex(lines, EscToInterrupt(), lastUser + 1) >= 0) return TerminalStatus.Processing;
        if (input < 0 || !NearBottom(lines, input)) return TerminalStatus.Processing;
        if (StillStarting(lines, input)) return TerminalStatus.Processing;

        var answer = LastAnswerLine(lines, lastUser, input);
        if (answer >= 0) return TurnEnded(lines, answer, input) ? TerminalStatus.Completed : TerminalStatus.Processing;
        if (lastUser < 0) return TerminalStatus.Idle;

        // A message was sent and nothing answers it yet. Between Enter and the first token Codex
        // redraws more than once (the "Working" line comes and goes), and an "idle" reading then
        // would stick for the whole turn. A turn without an answer ends with a "■ …" line
        // (interrupted by the user, or an error).
        var stop = ScreenLines.LastIndex(lines, StopLine(), lastUser + 1, input);
        if (stop < 0) return TerminalStatus.Processing;
        return Interrupted().IsMatch(lines[stop]) ? TerminalStatus.Idle : TerminalStatus.Error;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var (input, lastUser) = Locate(lines);
        var end = input > lastUser ? input : lines.Length;
        var start = LastAnswerLine(lines, lastUser, end);
        if (start < 0) throw new ProviderExtractionException("codex: no assistant answer after the last user message.");

        var bullet = lines[start].StartsWith('•');
        var body = lines[start..end]
            .TakeWhile(l => !TurnEndLine().IsMatch(l))
            .Where(l => !ChromeLine().IsMatch(l))
            .Select((l, i) => i == 0 ? AnswerPrefix().Replace(l, "", 1) : bullet ? Unindent(l) : l);
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("codex: the last answer is empty.");
        return message;
    }

    // A bullet answer's later lines are indented by the bullet's width ("• " = two columns); only
    // that much is Codex's layout, deeper indentation belongs to the answer (code, lists).
    private static string Unindent(string line) => line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line.TrimStart();

    // The composer (last prompt-shaped line) and the last submitted message above it. A prompt line
    // with text that is far from the bottom, or has transcript output below it, is a submitted
    // message whose composer is hidden (a modal, or the screen caught mid-redraw): it becomes the
    // last user line and there is no composer.
    private static (int Input, int LastUser) Locate(string[] lines)
    {
        var input = ScreenLines.LastIndex(lines, PromptLine());
        if (input >= 0 && UserLine().IsMatch(lines[input])
            && (!NearBottom(lines, input) || ScreenLines.FirstIndex(lines, AssistantLine(), input + 1) >= 0))
            return (-1, input);
        var lastUser = ScreenLines.LastIndex(lines, UserLine(), before: input >= 0 ? input : lines.Length);
        // A composer line above a later banner is Codex's first paint at start-up (its placeholder,
        // "› Ask Codex to do anything", left in the scrollback), not a message of this session.
        if (lastUser >= 0 && ScreenLines.LastIndex(lines, Banner(), lastUser + 1, input >= 0 ? input : lines.Length) >= 0)
            lastUser = -1;
        return (input, lastUser);
    }

    // The start of the newest answer: the last assistant item after the user's message that is not a
    // tool call. Earlier items of the same turn are preambles and tool calls, not the answer.
    private static int LastAnswerLine(string[] lines, int lastUser, int before)
    {
        for (var i = before - 1; i > lastUser; i--)
            if (AnswerStart().IsMatch(lines[i]) && !ToolCallLine().IsMatch(lines[i])) return i;
        return -1;
    }

    // Label transcripts (older Codex) have no end-of-turn line; a bullet answer is complete only
    // once "Worked for …" follows it.
    private static bool TurnEnded(string[] lines, int answer, int input) =>
        !lines[answer].StartsWith('•') || ScreenLines.FirstIndex(lines, TurnEndLine(), answer + 1, input) >= 0;

    // Codex 0.169 paints its banner and a bare composer ("? for shortcuts" only) before it has loaded
    // its configuration; input typed then is lost or lands in a trust dialog that follows. It is
    // ready once the status footer ("gpt-fake default · /project", "← for agents · …") is drawn under
    // the composer (codex_0.169.0_starting.txt, codex_0.169.0_ready.txt).
    private static bool StillStarting(string[] lines, int input)
    {
        var banner = ScreenLines.LastIndex(lines, Banner());
        return banner >= 0 && banner < input && ScreenLines.FirstIndex(lines, StatusFooter(), input + 1) < 0;
    }

    private static bool NearBottom(string[] lines, int index)
    {
        var counted = 0;
        for (var i = lines.Length - 1; i > index; i--)
            if (lines[i].Trim().Length > 0 && !ChromeLine().IsMatch(lines[i]) && ++counted >= PromptWindow) return false;
        return true;
    }

    // Composer: a prompt glyph alone or followed by text, but not a numbered menu choice ("› 1. Yes").
    [GeneratedRegex(@"^\s*(❯|›|»|codex>)(?!\s*\d+\.\s)(\s.*)?$")]
    private static partial Regex PromptLine();

    [GeneratedRegex(@"^\s*(You\b|(❯|›|»|codex>)(?!\s*\d+\.\s)[^\S\n]+\S)")]
    private static partial Regex UserLine();

    [GeneratedRegex(@"^\s*(•\s|(assistant|codex):)")]
    private static partial Regex AssistantLine();

    // Where an answer item starts: a bullet in the first column (a list inside an answer is
    // indented under it) or an "assistant:" label.
    [GeneratedRegex(@"^(•\s|\s*(assistant|codex):)")]
    private static partial Regex AnswerStart();

    // Tool activity is not an answer: "• Called cao-mcp-server.send_message({...})", "• Ran ls",
    // "• Explored", "• Edited", "• Waiting for …".
    [GeneratedRegex(@"^\s*•\s+(Called\s+[\w.-]+\.[\w-]+\(|(Calling|Ran|Running|Explored|Exploring|Edited|Added|Deleted|Waited|Waiting)\b)")]
    private static partial Regex ToolCallLine();

    [GeneratedRegex(@"^\s*(•\s|(assistant|codex):\s?)")]
    private static partial Regex AnswerPrefix();

    // "Worked for 7s • 4:12 AM" (0.169), also drawn as a rule "─ Worked for 1m 02s ─" by some versions.
    [GeneratedRegex(@"^\s*(─+\s*)?Worked for\b")]
    private static partial Regex TurnEndLine();

    // "■ Conversation interrupted - tell the model what to do differently…", "■ unexpected status 401 …".
    [GeneratedRegex(@"^\s*■\s")]
    private static partial Regex StopLine();

    [GeneratedRegex(@"^\s*■\s+Conversation interrupted", RegexOptions.IgnoreCase)]
    private static partial Regex Interrupted();

    [GeneratedRegex(@"^\s*>_ OpenAI Codex \(v")]
    private static partial Regex Banner();

    [GeneratedRegex(@"\S\s·\s")]
    private static partial Regex StatusFooter();

    [GeneratedRegex(@"Would you like to (run|make|apply|allow)|Approval Required|Press enter to confirm|Press enter to continue|\b(Approve|Allow)\b[^\n]*\[?y/n\]?|\[a\] Accept|allow Codex to work in this folder|Do you trust the contents of this directory|Trust this folder\?|Sign in with ChatGPT|Provide your own API key", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"^\s*(Error:|ERROR:|Traceback \(most recent call last\)|panic:)")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"esc to interrupt", RegexOptions.IgnoreCase)]
    private static partial Regex EscToInterrupt();

    [GeneratedRegex(@"\? for shortcuts|\d+% (context )?left|^\s*·\s*~?/|^\s*Tip:")]
    private static partial Regex ChromeLine();
}
