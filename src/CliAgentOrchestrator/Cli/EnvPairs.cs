using System.Text;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// Parses repeated <c>--env KEY=VALUE</c>. Checks what the server would otherwise drop silently
/// (blocked provider prefixes, values too long for tmux), as the Python CLI does, so the user hears why.
/// </summary>
public static partial class EnvPairs
{
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in pairs)
        {
            var eq = raw.IndexOf('=');
            if (eq < 0)
                throw new CliUserException($"--env expects KEY=VALUE (got '{raw}'); did you forget the '='?");
            var (key, value) = (raw[..eq], raw[(eq + 1)..]);
            if (!Key().IsMatch(key))
                throw new CliUserException($"--env key must match [A-Za-z_][A-Za-z0-9_]* (got '{key}').");
            if (EnvironmentFilter.IsBlocked(key))
                throw new CliUserException($"--env key '{key}' uses a prefix reserved for provider settings (CLAUDE, CODEX_, __MISE_); pick another name.");
            if (Encoding.UTF8.GetByteCount(value) >= EnvironmentFilter.MaxValueBytes)
                throw new CliUserException($"--env value for '{key}' must be shorter than {EnvironmentFilter.MaxValueBytes} bytes (tmux passes it on a command line).");
            result[key] = value;
        }
        return result;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Key();
}
