using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for Claude Code. The input box (a `❯`/`>` line between `─` rules) is always
// drawn, even while Claude works, so its presence alone never means idle: what decides is the last
// activity line (spinner vs. "✻ Worked for 3s" summary) and whether an answer (⏺/●) follows the
// last submitted message.
public sealed partial class ClaudeCodeProvider
{
    // Non-blank lines at the bottom searched for a permission/selection menu.
    private const int MenuTailLines = 8;

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;

        if (IsMenuShowing(ScreenLines.Tail(string.Join('\n', lines), MenuTailLines))) return TerminalStatus.WaitingUserAnswer;

        var input = ScreenLines.LastIndex(lines, PromptLine());
        var lastUser = input < 0 ? -1 : ScreenLines.LastIndex(lines, TypedPromptLine(), before: input);
        var busy = Math.Max(ScreenLines.LastIndex(lines, SpinnerLine()), ScreenLines.LastIndex(lines, EscToInterrupt()));
        var done = ScreenLines.LastIndex(lines, SummaryLine());
        if (busy > done && busy > lastUser) return TerminalStatus.Processing;

        if (input < 0) return TerminalStatus.Unknown;
        var answer = ScreenLines.LastIndex(lines, AnswerLine(), lastUser + 1, input);
        var error = ScreenLines.LastIndex(lines, ApiErrorLine(), lastUser + 1, input);
        if (error > answer) return TerminalStatus.Error;
        // A summary line counts only after a submitted message; at start-up there is none.
        return answer >= 0 || (lastUser >= 0 && done > lastUser) ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var input = ScreenLines.LastIndex(lines, PromptLine());
        var answer = ScreenLines.LastIndex(lines, AnswerLine(), 0, input < 0 ? null : input);
        if (answer < 0) throw new ProviderExtractionException("claude_code: no answer marker (⏺/●) on the screen.");

        var body = new List<string> { AnswerLine().Replace(lines[answer], "", 1) };
        foreach (var line in lines.Skip(answer + 1))
        {
            if (PromptLine().IsMatch(line) || Separator().IsMatch(line) || SummaryLine().IsMatch(line)
                || SpinnerLine().IsMatch(line) || FooterLine().IsMatch(line)) break;
            // Continuation lines are indented under the marker; drop that indent only.
            body.Add(line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line);
        }
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("claude_code: the last answer is empty.");
        return message;
    }

    private static bool IsMenuShowing(string tail) =>
        tail.Contains("↑/↓ to navigate", StringComparison.Ordinal)
        || tail.Contains("Enter to confirm", StringComparison.OrdinalIgnoreCase)
        || (ProceedQuestion().IsMatch(tail) && NumberedOption().IsMatch(tail));

    // The input line or a submitted message: `❯`/`>` then a space (or nothing) at the line start.
    [GeneratedRegex(@"^\s*[>❯](\s|$)")]
    private static partial Regex PromptLine();

    // The empty input box: once it is drawn, start-up dialogs above it are history.
    [GeneratedRegex(@"^\s*[>❯]$")]
    private static partial Regex EmptyInputLine();

    [GeneratedRegex(@"^\s*[>❯]\s+\S")]
    private static partial Regex TypedPromptLine();

    // Answer blocks start with ⏺ (older releases) or ● (newer).
    [GeneratedRegex(@"^\s*[⏺●](\s|$)")]
    private static partial Regex AnswerLine();

    // "✢ Cultivating… (3s · ↓ 1 tokens)": a spinner glyph, a verb, an ellipsis.
    [GeneratedRegex(@"^\s*[✶✢✽✻✳✺✹✸·*⋆+]\s*\p{L}[\p{L}\p{M}'-]*(…|\.\.\.)")]
    private static partial Regex SpinnerLine();

    [GeneratedRegex(@"esc to interrupt", RegexOptions.IgnoreCase)]
    private static partial Regex EscToInterrupt();

    // "✻ Sautéed for 1s", "✻ Worked for 1m 12s": the turn is over.
    [GeneratedRegex(@"^\s*[✶✢✽✻✳✺✹✸·*⋆+]\s*\p{L}[\p{L}\p{M}'-]*\s+for\s+\d+(\.\d+)?\s*[smh]\b")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^\s*(⎿\s*)?API Error", RegexOptions.IgnoreCase)]
    private static partial Regex ApiErrorLine();

    [GeneratedRegex(@"^\s*[─━]{20,}")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*(⏵⏵|\? for shortcuts)")]
    private static partial Regex FooterLine();

    [GeneratedRegex(@"(Do you want|Would you like) to [^\n]*\?")]
    private static partial Regex ProceedQuestion();

    [GeneratedRegex(@"^\s*(❯\s*)?\d+\.\s+\S", RegexOptions.Multiline)]
    private static partial Regex NumberedOption();
}
