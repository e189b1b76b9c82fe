namespace CliAgentOrchestrator.Benchmarks;

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double TicksToMicroseconds(long ticks) => ticks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
}
