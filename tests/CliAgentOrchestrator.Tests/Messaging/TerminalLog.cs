using System.Text.RegularExpressions;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>
/// What a terminal showed: the raw output log tmux pipes to <c>$CAO_HOME_DIR/logs/terminal/&lt;id&gt;.log</c>.
/// mock_cli answers every line it reads with <c>&gt; MOCK: &lt;line&gt;</c>, so counting answers counts
/// the lines the agent really received.
/// </summary>
public static partial class TerminalLog
{
    public static string Read(CaoTestServer server, string terminalId) => Read(server.Home.TerminalLogFile(terminalId));

    public static string Read(string path)
    {
        if (!File.Exists(path))
            return "";
        // tmux keeps appending while we read
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every mock_cli answer in the log, in the order it was written, without the <c>&gt; MOCK: </c> prefix.</summary>
    public static IReadOnlyList<string> Answers(CaoTestServer server, string terminalId) => Answers(server.Home.TerminalLogFile(terminalId));

    /// <summary>The same for the log at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Answers(string path) =>
        AnswerLine().Matches(Read(path)).Select(m => m.Groups[1].Value.TrimEnd('\r')).ToList();

    [GeneratedRegex(@"> MOCK: ([^\n]*)")]
    private static partial Regex AnswerLine();
}
