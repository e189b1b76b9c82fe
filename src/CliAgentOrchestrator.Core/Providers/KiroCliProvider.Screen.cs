using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for Kiro CLI. Idle means the bottom line is an input prompt: the legacy
// `[agent] 12% λ >` prompt, or the TUI placeholder "Ask a question or describe a task". A turn is
// what lies between the previous prompt (where the user typed) and that bottom prompt.
public sealed partial class KiroCliProvider
{
    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;
        var bottom = lines.Length - 1;
        var idle = IsIdleLine(lines[bottom]);

        // Legacy permission question: the prompt is redrawn under it (or beside it), so one prompt
        // after it is still "waiting"; a second prompt means it was answered long ago.
        var permission = ScreenLines.LastIndex(lines, PermissionQuestion());
        if (permission >= 0 && (idle || permission == bottom) && CountIdleLines(lines, permission) <= 1)
            return TerminalStatus.WaitingUserAnswer;

        // The trust-all-tools consent is a modal: waiting until any prompt appears below it.
        if (IsConsentShowing(lines)) return TerminalStatus.WaitingUserAnswer;

        var turnStart = TurnStart(lines, bottom);
        if (ScreenLines.LastIndex(lines, TroubleLine(), turnStart) >= 0) return TerminalStatus.Error;
        if (!idle) return TerminalStatus.Processing;

        if (LegacyPrompt().IsMatch(lines[bottom]))
            return ScreenLines.FirstIndex(lines, ResponseLine(), turnStart, bottom) >= 0 ? TerminalStatus.Completed : TerminalStatus.Idle;
        return TuiAnswer(lines, bottom) is null ? TerminalStatus.Idle : TerminalStatus.Completed;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) throw new ProviderExtractionException("kiro_cli: the screen is empty.");
        var bottom = lines.Length - 1;
        var end = IsIdleLine(lines[bottom]) ? bottom : lines.Length;
        var turnStart = TurnStart(lines, bottom);
        var start = ScreenLines.FirstIndex(lines, ResponseLine(), turnStart, end);
        if (start >= 0)
        {
            // Every "> " at column 0 opens an answer block (a turn can hold several); drop the markers.
            var body = lines[start..end].Select(l => ResponseLine().Replace(l, "", 1));
            var message = ScreenLines.JoinMessage(body);
            if (message.Length > 0) return message;
        }
        return TuiAnswer(lines, bottom) ?? throw new ProviderExtractionException("kiro_cli: no answer marker ('> ' or 'Credits:') on the screen.");
    }

    private static bool IsConsentShowing(string[] lines)
    {
        var consent = ScreenLines.LastIndex(lines, ConsentDialog());
        return consent >= 0 && CountIdleLines(lines, consent + 1) == 0;
    }

    private static bool IsIdleLine(string line) => LegacyPrompt().IsMatch(line) || TuiPlaceholder().IsMatch(line);

    private static int CountIdleLines(string[] lines, int from)
    {
        var count = 0;
        for (var i = Math.Max(from, 0); i < lines.Length; i++) if (IsIdleLine(lines[i])) count++;
        return count;
    }

    // The line after the previous prompt the user typed into (legacy), or after the separator that
    // opens the last TUI block; the whole screen when neither is there.
    private static int TurnStart(string[] lines, int bottom)
    {
        var typed = ScreenLines.LastIndex(lines, TypedLegacyPrompt(), before: bottom);
        var separators = Enumerable.Range(0, bottom).Where(i => Separator().IsMatch(lines[i])).ToList();
        var tuiBlock = separators.Count >= 2 ? separators[^2] : -1;
        return Math.Max(typed, tuiBlock) + 1;
    }

    // TUI: the block between the last two separators above the prompt holds the user's message, a
    // blank line, the answer and a "▸ Credits: …" line. Returns the answer, or null.
    private static string? TuiAnswer(string[] lines, int bottom)
    {
        var separators = Enumerable.Range(0, bottom + 1).Where(i => Separator().IsMatch(lines[i])).ToList();
        if (separators.Count < 2) return null;
        var block = lines[(separators[^2] + 1)..separators[^1]];
        var credits = Array.FindLastIndex(block, l => CreditsLine().IsMatch(l));
        var content = (credits >= 0 ? block[..credits] : block).ToList();
        if (credits < 0 && content.Count(l => l.Trim().Length > 0) < 2) return null;
        // Drop the echoed user message: the first paragraph of the block.
        var firstText = content.FindIndex(l => l.Trim().Length > 0);
        var blank = firstText < 0 ? -1 : content.FindIndex(firstText, l => l.Trim().Length == 0);
        var answer = blank >= 0 ? content.Skip(blank + 1) : content;
        var message = ScreenLines.JoinMessage(answer.Select(l => l.StartsWith("  ", StringComparison.Ordinal) ? l[2..] : l));
        return message.Length > 0 ? message : null;
    }

    // `[agent] >`, `[agent]>`, `[agent] 16% λ >`, `[agent] 16% λ ! >` — at the line start, or right
    // after a question's colon ("Allow this action? [y/n/t]: [developer]>").
    [GeneratedRegex(@"(^|:\s*)\s*\[[\w.-]+\]\s*(\d+%\s*)?(λ\s*)?(!\s*)?>(\s|$)")]
    private static partial Regex LegacyPrompt();

    [GeneratedRegex(@"^\s*\[[\w.-]+\]\s*(\d+%\s*)?(λ\s*)?(!\s*)?>\s*\S")]
    private static partial Regex TypedLegacyPrompt();

    [GeneratedRegex(@"ask a question or describe a task", RegexOptions.IgnoreCase)]
    private static partial Regex TuiPlaceholder();

    // Answers start with a (green) "> " at column 0.
    [GeneratedRegex(@"^>(\s|$)")]
    private static partial Regex ResponseLine();

    [GeneratedRegex(@"Allow this action\?|\[y/n/t\]|\bYes\s+No\s+Always allow\b", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionQuestion();

    [GeneratedRegex(@"Yes, I accept")]
    private static partial Regex ConsentDialog();

    [GeneratedRegex(@"Kiro is having trouble responding", RegexOptions.IgnoreCase)]
    private static partial Regex TroubleLine();

    [GeneratedRegex(@"^\s*[─━]{20,}\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*▸\s*Credits:")]
    private static partial Regex CreditsLine();
}
