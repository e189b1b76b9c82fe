using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// Tells when a new pane's shell reads commands: a command typed at once (the terminal holds it until
/// the shell has run its start-up files) that prints a line the typed text itself does not contain.
/// Its answer on the screen is the signal; no guessing from a screen that stopped changing.
/// </summary>
public static partial class ShellReadyProbe
{
    private const string Prefix = "cao-shell-ready-";

    /// <summary>The command for <paramref name="nonce"/>: its echo shows <c>%s</c> where its answer shows the nonce.
    /// A leading space keeps it out of shells' history where they honour that.</summary>
    public static string Command(string nonce) => $" printf '{Prefix}%s\\n' {nonce}";

    /// <summary>The line the shell prints when it has run <see cref="Command"/>.</summary>
    public static string Answer(string nonce) => Prefix + nonce;

    /// <summary>Whether <paramref name="screen"/> holds the answer as a line of its own.</summary>
    public static bool IsAnswered(string screen, string nonce)
    {
        var answer = Answer(nonce);
        return AnsiText.Strip(screen).Split('\n').Any(line => line.Trim() == answer);
    }

    /// <summary>The nonce of a probe command, if <paramref name="command"/> is one (for scripted consoles in tests).</summary>
    public static bool TryReadNonce(string command, out string nonce)
    {
        var match = ProbePattern().Match(command);
        nonce = match.Success ? match.Groups[1].Value : "";
        return match.Success;
    }

    [GeneratedRegex(@"^ printf 'cao-shell-ready-%s\\n' ([0-9a-f]+)$")]
    private static partial Regex ProbePattern();
}
