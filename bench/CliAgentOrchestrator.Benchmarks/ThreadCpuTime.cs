using System.Runtime.InteropServices;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>The calling thread's CPU time (Linux: clock_gettime with CLOCK_THREAD_CPUTIME_ID).</summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static long Nanoseconds()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var now) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
