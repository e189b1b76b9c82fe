using CliAgentOrchestrator.Core.Tmux;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Tmux;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>
/// A stand-in agent CLI for status tests: a bash loop with a coloured <c>❯ </c> prompt that
/// answers <c>&gt; MOCK: &lt;line&gt;</c> after a pause, plus a few scripted behaviours. Its
/// status reader mirrors the mock provider's rules without depending on the real providers.
/// </summary>
public static partial class FakeAgent
{
    public const string Script = """
        # Usage: bash fake_agent.sh [answer delay in seconds]
        delay="${1:-2}"
        frames='|/-\'
        printf 'FakeAgent ready.\n'
        while true; do
          printf '\033[36m❯\033[0m '
          IFS= read -r line || exit 0
          case "$line" in
            '') ;;
            __clear__) printf '\033[H\033[2J\033[3J' ;;
            __spin__)
              for i in $(seq 1 15); do printf '\r%s working' "${frames:i%4:1}"; sleep 0.1; done
              printf '\r> MOCK: spun\n' ;;
            __ask__)
              printf 'Proceed? [y/n] '
              IFS= read -r answer
              printf '> MOCK: answered %s\n' "$answer" ;;
            *) sleep "$delay"; printf '> MOCK: %s\n' "$line" ;;
          esac
        done
        """;

    /// <summary>Starts the agent in a new session of <paramref name="server"/>.</summary>
    public static Task<CliAgentOrchestrator.Core.Tmux.TmuxTarget> StartAsync(TmuxTestServer server, double delaySeconds = 2)
    {
        var path = server.WriteScript("fake_agent.sh", Script);
        var delay = delaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return server.StartCommandAsync($"exec bash {CliAgentOrchestrator.Plugins.Providers.ShellQuote.Single(path)} {delay}");
    }

    /// <summary>The status a screen (escapes allowed) shows.</summary>
    public static TerminalStatus Detect(string screen)
    {
        var lines = Ansi().Replace(screen, "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
            return TerminalStatus.Unknown;
        var last = lines[^1];
        if (last.Contains("[y/n]", StringComparison.Ordinal))
            return TerminalStatus.WaitingUserAnswer;
        if (last != "❯")
            return TerminalStatus.Processing;
        return lines.Any(l => l.StartsWith("> MOCK:", StringComparison.Ordinal)) ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex Ansi();
}
