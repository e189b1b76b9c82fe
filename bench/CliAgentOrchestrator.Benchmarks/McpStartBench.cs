using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Cold start of <c>cao mcp-server</c>: an agent CLI starts it, sends <c>initialize</c>, then
/// <c>tools/list</c>, and CAO hands the terminal out only once the tools were listed, so this is part of
/// every agent's start-up. Measured as a CLI does it (a new process, the two requests over stdio) to
/// the two answers, with the child's CPU time (user + system, all threads) to the second answer. The
/// reference in the same run is <c>cao --version</c> started the same way: the runtime, the host and
/// cao's assemblies loading, i.e. the floor of any <c>cao</c> command; the ratio is what the MCP server
/// adds on top. A second cao.dll (another build) may be given: the two are run alternately.
/// </summary>
internal static class McpStartBench
{
    private const int Runs = 9;
    private static readonly string Cao = Path.Combine(AppContext.BaseDirectory, "cao.dll");

    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";
    private const string ToolsList = """{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n" + """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    public static async Task RunAsync(string? otherCao)
    {
        Console.WriteLine();
        Console.WriteLine($"mcp-server cold start: process start → initialize / tools/list answered ({Runs} runs each, medians; CPU = the child's user+sys)");
        var home = Directory.CreateTempSubdirectory("cao-mcpstart-bench").FullName;
        try
        {
            var builds = otherCao is null ? [Cao] : new[] { Cao, Path.GetFullPath(otherCao) };
            var results = builds.ToDictionary(b => b, _ => new List<Sample>());
            for (var run = 0; run < Runs; run++)
                foreach (var build in builds)
                    results[build].Add(await MeasureAsync(build, home));
            foreach (var build in builds)
                Report(build, results[build]);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private sealed record Sample(double InitializeMs, double ToolsListMs, double CpuMs, double VersionMs, double VersionCpuMs);

    private static void Report(string build, List<Sample> samples)
    {
        double Median(Func<Sample, double> pick) => Stats.Median(samples.Select(pick));
        Console.WriteLine($"  {build}");
        Console.WriteLine($"    initialize answered:          {Median(s => s.InitializeMs),6:0} ms wall");
        Console.WriteLine($"    tools/list answered:          {Median(s => s.ToolsListMs),6:0} ms wall, {Median(s => s.CpuMs),6:0} ms CPU  (wall: {string.Join(", ", samples.Select(s => s.ToolsListMs.ToString("0")))})");
        Console.WriteLine($"    cao --version (ref):          {Median(s => s.VersionMs),6:0} ms wall, {Median(s => s.VersionCpuMs),6:0} ms CPU");
        Console.WriteLine($"    ratio tools/list / --version: {Median(s => s.ToolsListMs) / Median(s => s.VersionMs),6:0.00} wall, {Median(s => s.CpuMs) / Median(s => s.VersionCpuMs),6:0.00} CPU");
    }

    private static async Task<Sample> MeasureAsync(string cao, string home)
    {
        var (versionMs, versionCpuMs) = await VersionAsync(cao, home);
        var cpuBefore = ChildrenCpuMs();
        var clock = Stopwatch.StartNew();
        using var server = Process.Start(Start(cao, home, "mcp-server"))!;
        server.ErrorDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        await server.StandardInput.WriteLineAsync(Initialize);
        await server.StandardInput.FlushAsync();
        _ = await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("mcp-server closed stdout before answering initialize");
        var initialize = clock.Elapsed.TotalMilliseconds;
        await server.StandardInput.WriteLineAsync(ToolsList);
        await server.StandardInput.FlushAsync();
        var tools = await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("mcp-server closed stdout before answering tools/list");
        var toolsList = clock.Elapsed.TotalMilliseconds;
        if (!tools.Contains("\"handoff\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"tools/list answered without CAO's tools: {tools}");
        // Killed at once, as the wall clock stops: the CPU time is the start-up's, not a shutdown's.
        server.Kill();
        await server.WaitForExitAsync();
        return new Sample(initialize, toolsList, ChildrenCpuMs() - cpuBefore, versionMs, versionCpuMs);
    }

    private static async Task<(double WallMs, double CpuMs)> VersionAsync(string cao, string home)
    {
        var cpuBefore = ChildrenCpuMs();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Start(cao, home, "--version"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed.TotalMilliseconds;
        await output;
        return (wall, ChildrenCpuMs() - cpuBefore);
    }

    // The MCP server of a terminal with no cao-server behind it (port 1 refuses at once): the plugin-tool
    // listing and the "tools listed" report fail fast and are logged, as they would be with the server down.
    private static ProcessStartInfo Start(string cao, string home, string command)
    {
        var start = new ProcessStartInfo("dotnet", [cao, command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CAO_HOME_DIR"] = home;
        start.Environment["CAO_TERMINAL_ID"] = "abcd1234";
        start.Environment["CAO_API_PORT"] = "1";
        return start;
    }

    // CPU of this process's reaped children (getrusage RUSAGE_CHILDREN): the delta around one child is its CPU time.
    private static double ChildrenCpuMs()
    {
        if (getrusage(RusageChildren, out var usage) != 0)
            throw new InvalidOperationException("getrusage(RUSAGE_CHILDREN) failed");
        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    private const int RusageChildren = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        // The remaining 14 longs of struct rusage (memory and I/O counters), unused here.
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc")]
    private static extern int getrusage(int who, out Rusage usage);
}
