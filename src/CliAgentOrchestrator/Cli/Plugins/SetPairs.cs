namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>Reads <c>--set key=value</c> pairs; the value may contain further <c>=</c> signs.</summary>
internal static class SetPairs
{
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
                throw new CliUserException($"--set expects field=value (got '{pair}'); e.g. --set message=hello");
            fields[pair[..at]] = pair[(at + 1)..];
        }
        return fields;
    }
}
