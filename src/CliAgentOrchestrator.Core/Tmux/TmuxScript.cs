using System.Text;

namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// Writes one tmux command as a line of tmux's command language, for <c>tmux source-file -</c>.
/// Commands that carry environment values go to tmux on standard input this way, because every
/// argument of a process is readable by any local user through <c>ps</c> and <c>/proc</c>.
/// </summary>
internal static class TmuxScript
{
    /// <summary>The arguments that make a tmux client read its commands from standard input; <c>start-server</c> first so the first command may create the server.</summary>
    public static readonly IReadOnlyList<string> ReadFromStandardInput = ["start-server", ";", "source-file", "-"];

    /// <summary>One command line: every argument double-quoted, with tmux's escapes for the characters a double-quoted string treats specially.</summary>
    public static byte[] Line(IEnumerable<string> arguments) => Sequence(arguments);

    /// <summary>
    /// Commands on one line joined by tmux's bare <c>;</c>: when one fails, the rest of the line is
    /// skipped (on separate lines the next would still run, e.g. against the wrong window).
    /// </summary>
    public static byte[] Sequence(params IEnumerable<string>[] commands)
    {
        var line = new StringBuilder();
        foreach (var command in commands)
        {
            if (line.Length > 0)
                line.Append(" ;");
            AppendCommand(line, command);
        }
        line.Append('\n');
        return Encoding.UTF8.GetBytes(line.ToString());
    }

    private static void AppendCommand(StringBuilder line, IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (line.Length > 0)
                line.Append(' ');
            line.Append('"');
            foreach (var c in argument)
            {
                switch (c)
                {
                    // '~' too: at the start of a double-quoted word tmux would expand it to a home folder.
                    case '\\' or '"' or '$' or '~':
                        line.Append('\\').Append(c);
                        break;
                    case '\n':
                        line.Append("\\n");
                        break;
                    case '\r':
                        line.Append("\\r");
                        break;
                    case '\t':
                        line.Append("\\t");
                        break;
                    default:
                        line.Append(c);
                        break;
                }
            }
            line.Append('"');
        }
    }
}
