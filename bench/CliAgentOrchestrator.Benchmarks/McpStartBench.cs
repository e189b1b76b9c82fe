using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Cold start of <c>cao mcp-server</c>: an agent CLI starts it, sends <c>initialize</c>, then
/// <c>tools/list</c>, and CAO hands the terminal out only once the tools were listed, so this is part of
/// every agent's start-up. Measured as a CLI does it (a new process, the two requests over stdio) to
/// the two answers and to the "tools listed" report reaching the server, with the child's CPU time
/// (user + system, all threads) to that report. A stand-in for cao-server answers the two requests the
/// MCP server makes on the way (the plugin tools: none; the report), as the real one does. The
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
        using var server = new StandInServer();
        try
        {
            var builds = otherCao is null ? [Cao] : new[] { Cao, Path.GetFullPath(otherCao) };
            var results = builds.ToDictionary(b => b, _ => new List<Sample>());
            for (var run = 0; run < Runs; run++)
                foreach (var build in builds)
                    results[build].Add(await MeasureAsync(build, home, server));
            foreach (var build in builds)
                Report(build, results[build]);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private sealed record Sample(double InitializeMs, double ToolsListMs, double ReportedMs, double CpuMs, double VersionMs, double VersionCpuMs);

    private static void Report(string build, List<Sample> samples)
    {
        double Median(Func<Sample, double> pick) => Stats.Median(samples.Select(pick));
        Console.WriteLine($"  {build}");
        Console.WriteLine($"    initialize answered:          {Median(s => s.InitializeMs),6:0} ms wall");
        Console.WriteLine($"    tools/list answered:          {Median(s => s.ToolsListMs),6:0} ms wall");
        Console.WriteLine($"    server told tools listed:     {Median(s => s.ReportedMs),6:0} ms wall, {Median(s => s.CpuMs),6:0} ms CPU  (wall: {string.Join(", ", samples.Select(s => s.ReportedMs.ToString("0")))})");
        Console.WriteLine($"    cao --version (ref):          {Median(s => s.VersionMs),6:0} ms wall, {Median(s => s.VersionCpuMs),6:0} ms CPU");
        Console.WriteLine($"    ratio reported / --version:   {Median(s => s.ReportedMs) / Median(s => s.VersionMs),6:0.00} wall, {Median(s => s.CpuMs) / Median(s => s.VersionCpuMs),6:0.00} CPU");
    }

    private static async Task<Sample> MeasureAsync(string cao, string home, StandInServer standIn)
    {
        var (versionMs, versionCpuMs) = await VersionAsync(cao, home, standIn.Port);
        var reported = standIn.NextReport();
        var cpuBefore = ChildrenCpuMs();
        var clock = Stopwatch.StartNew();
        using var server = Process.Start(Start(cao, home, standIn.Port, "mcp-server"))!;
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
        if (await Task.WhenAny(reported, Task.Delay(TimeSpan.FromSeconds(30))) != reported)
            throw new InvalidOperationException("mcp-server did not report its tools listed within 30 s");
        var report = clock.Elapsed.TotalMilliseconds;
        // Killed at once, as the wall clock stops: the CPU time is the start-up's, not a shutdown's.
        server.Kill();
        await server.WaitForExitAsync();
        return new Sample(initialize, toolsList, report, ChildrenCpuMs() - cpuBefore, versionMs, versionCpuMs);
    }

    private static async Task<(double WallMs, double CpuMs)> VersionAsync(string cao, string home, int port)
    {
        var cpuBefore = ChildrenCpuMs();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Start(cao, home, port, "--version"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed.TotalMilliseconds;
        await output;
        return (wall, ChildrenCpuMs() - cpuBefore);
    }

    private static ProcessStartInfo Start(string cao, string home, int port, string command)
    {
        var start = new ProcessStartInfo("dotnet", [cao, command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CAO_HOME_DIR"] = home;
        start.Environment["CAO_TERMINAL_ID"] = "abcd1234";
        start.Environment["CAO_API_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>Answers <c>GET /plugin-tools</c> with no tools and completes a task per <c>POST …/mcp-connected</c>.</summary>
    private sealed class StandInServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private TaskCompletionSource _report = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StandInServer()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port { get; }

        /// <summary>Completes when the next report arrives.</summary>
        public Task NextReport() => (_report = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                var path = context.Request.Url!.AbsolutePath;
                var body = path == "/plugin-tools" ? "[]"u8.ToArray() : """{"success":true}"""u8.ToArray();
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
                if (path.EndsWith("/mcp-connected", StringComparison.Ordinal))
                    _report.TrySetResult();
            }
        }

        public void Dispose() => _listener.Close();
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
