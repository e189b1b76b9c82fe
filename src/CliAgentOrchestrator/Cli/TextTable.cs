namespace CliAgentOrchestrator.Cli;

/// <summary>
/// A plain, left-aligned text table. Plain rather than boxed so <c>grep</c> and <c>awk</c> work on it
/// and nothing wraps or truncates when output is not a terminal.
/// </summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(headers));
        foreach (var row in all)
            output.WriteLine(Line(row));
    }
}
