using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Sleeps to within microseconds of a moment, for a pacing thread that should leave its core free
/// between events, as a server's request threads do while they wait for work. Linux lets a sleeping
/// thread wake up to 50 µs late by default (timer slack); the thread asks for 1 ns instead, and spins
/// the last few microseconds.
/// </summary>
internal static class PreciseSleep
{
    private const int PrSetTimerSlack = 29;
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000; // the last 20 µs are spun

    /// <summary>Call once on the pacing thread.</summary>
    public static void UseFineTimerSlack() => _ = prctl(PrSetTimerSlack, 1, 0, 0, 0);

    public static void Until(long timestamp)
    {
        var ahead = timestamp - Stopwatch.GetTimestamp() - SpinTicks;
        if (ahead > 0)
            _ = usleep((uint)(ahead * 1_000_000 / Stopwatch.Frequency));
        while (Stopwatch.GetTimestamp() < timestamp)
            Thread.SpinWait(20);
    }

    [DllImport("libc")]
    private static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc")]
    private static extern int usleep(uint microseconds);
}
