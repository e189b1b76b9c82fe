using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// Tells when a new pane's shell reads commands, and whether the CLI to launch is on that shell's
/// PATH: a command typed at once (the terminal holds it until the shell has run its start-up files)
/// that prints a line the typed text itself does not contain, ending in <c>found</c> or <c>missing</c>.
/// Its answer on the screen is the signal; no guessing from a screen that stopped changing. The
/// lookup runs in the pane because login shells rewrite PATH (Debian's /etc/profile resets it), so
/// the server's own PATH says little about what the pane will find.
/// </summary>
public static partial class ShellReadyProbe
{
    private const string Prefix = "cao-shell-ready-";

    /// <summary>The command for <paramref name="nonce"/> looking up <paramref name="executable"/>: its echo shows
    /// <c>%s</c> where its answer shows the nonce. A leading space keeps it out of shells' history where they honour that.</summary>
    public static string Command(string nonce, string executable) =>
        $" printf '{Prefix}%s %s\\n' {nonce} \"$(command -v {ShellQuote.Quote(executable)} >/dev/null 2>&1 && echo found || echo missing)\"";

    /// <summary>The line the shell prints when it has run <see cref="Command"/>.</summary>
    public static string Answer(string nonce, bool executableFound) => $"{Prefix}{nonce} {(executableFound ? "found" : "missing")}";

    /// <summary>Whether <paramref name="screen"/> holds the answer; null while it does not, else whether the executable was found.</summary>
    public static bool? Read(string screen, string nonce)
    {
        foreach (var line in AnsiText.Strip(screen).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed == Answer(nonce, true)) return true;
            if (trimmed == Answer(nonce, false)) return false;
        }
        return null;
    }

    /// <summary>
    /// Whether raw terminal output (see <see cref="ITerminalConsole.ReadPrinted"/>) holds the answer;
    /// null while it does not. printf writes the line in one piece, and the typed command (echoed, also
    /// in the output) shows <c>%s</c> where the answer shows the nonce.
    /// </summary>
    public static bool? ReadPrinted(string printed, string nonce) =>
        printed.Contains(Answer(nonce, true), StringComparison.Ordinal) ? true
        : printed.Contains(Answer(nonce, false), StringComparison.Ordinal) ? false
        : null;

    /// <summary>The nonce of a probe command, if <paramref name="command"/> is one (for scripted consoles in tests).</summary>
    public static bool TryReadNonce(string command, out string nonce)
    {
        var match = ProbePattern().Match(command);
        nonce = match.Success ? match.Groups[1].Value : "";
        return match.Success;
    }

    [GeneratedRegex(@"^ printf 'cao-shell-ready-%s %s\\n' ([0-9a-f]+) ")]
    private static partial Regex ProbePattern();
}
