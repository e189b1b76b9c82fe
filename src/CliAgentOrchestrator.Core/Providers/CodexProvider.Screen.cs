using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for Codex. Two transcript styles exist: labels ("You …" / "assistant: …")
// and bullets ("› message" / "• answer"). The composer line (`›`, `❯`, `»` or `codex>`) is the
// last prompt-shaped line; submitted messages are prompt-shaped lines above it. Footer chrome
// ("? for shortcuts", "88% context left", "· ~/path") is ignored when looking for the composer.
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

        return FirstAnswerLine(lines, lastUser, input) >= 0 ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var (input, lastUser) = Locate(lines);
        var end = input > lastUser ? input : lines.Length;
        var start = FirstAnswerLine(lines, lastUser, end);
        if (start < 0) throw new ProviderExtractionException("codex: no assistant answer after the last user message.");

        var body = lines[start..end]
            .Where(l => !ChromeLine().IsMatch(l))
            .Select(l => AnswerPrefix().Replace(l, "", 1));
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("codex: the last answer is empty.");
        return message;
    }

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
        return (input, lastUser);
    }

    private static int FirstAnswerLine(string[] lines, int lastUser, int before)
    {
        for (var i = lastUser + 1; i < before; i++)
            if (AssistantLine().IsMatch(lines[i]) && !ToolCallLine().IsMatch(lines[i])) return i;
        return -1;
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

    // An MCP call line is not an answer: "• Called cao-mcp-server.send_message({...})".
    [GeneratedRegex(@"^\s*•\s+Called\s+[\w.-]+\.[\w-]+\(")]
    private static partial Regex ToolCallLine();

    [GeneratedRegex(@"^\s*(•\s|(assistant|codex):\s?)")]
    private static partial Regex AnswerPrefix();

    [GeneratedRegex(@"Would you like to (run|make|apply|allow)|Approval Required|Press enter to confirm|Press enter to continue|\b(Approve|Allow)\b[^\n]*\[?y/n\]?|\[a\] Accept|allow Codex to work in this folder|Do you trust the contents of this directory|Sign in with ChatGPT|Provide your own API key", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"^\s*(Error:|ERROR:|Traceback \(most recent call last\)|panic:)")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"esc to interrupt", RegexOptions.IgnoreCase)]
    private static partial Regex EscToInterrupt();

    [GeneratedRegex(@"\? for shortcuts|\d+% (context )?left|^\s*·\s*~?/|^\s*Tip:")]
    private static partial Regex ChromeLine();
}
