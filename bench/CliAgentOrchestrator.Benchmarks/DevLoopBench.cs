using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// The plugin author's cycle, edit → build → running → event handled by the new code, measured two
/// ways in the same run: the dev loop (`cao plugin reload` of a linked project, which builds and
/// swaps) against the reference (`cao plugin install --force`, which publishes, plus a server restart).
/// Both end with `cao plugin test`, whose answer proves the new build handled the event.
/// </summary>
internal static class DevLoopBench
{
    private const int Cycles = 3;
    private static readonly string Cao = Path.Combine(AppContext.BaseDirectory, "cao.dll");

    public static async Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine($"dev loop: edit → build → loaded → event handled by the new build ({Cycles} cycles each, medians)");
        var root = Directory.CreateTempSubdirectory("cao-devloop-bench").FullName;
        try
        {
            var project = PluginProject(root);
            var devLoop = await MeasureAsync(root, project, "devloop", linked: true);
            var reference = await MeasureAsync(root, project, "reference", linked: false);
            var dev = Stats.Median(devLoop);
            var old = Stats.Median(reference);
            Console.WriteLine($"  install --link + plugin reload:          median {dev,6:0.0} s  ({string.Join(", ", devLoop.Select(s => s.ToString("0.0")))})");
            Console.WriteLine($"  install --force + server restart (ref):  median {old,6:0.0} s  ({string.Join(", ", reference.Select(s => s.ToString("0.0")))})");
            Console.WriteLine($"  ratio (reference / dev loop):            {old / dev:0.0}x");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<double>> MeasureAsync(string root, string project, string name, bool linked)
    {
        var environment = new Dictionary<string, string>
        {
            ["CAO_HOME_DIR"] = Directory.CreateDirectory(Path.Combine(root, name)).FullName,
            ["CAO_API_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CAO_TMUX_SOCKET"] = "cao-bench-" + Guid.NewGuid().ToString("N")[..8],
        };
        await RunCaoAsync(environment, linked ? ["plugin", "install", "--link", project] : ["plugin", "install", project]);
        var server = await StartServerAsync(environment);
        var times = new List<double>();
        try
        {
            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                var mark = $"{name}{cycle}";
                var clock = Stopwatch.StartNew();
                Edit(project, mark);
                if (linked)
                {
                    await RunCaoAsync(environment, ["plugin", "reload", "bench_loop"]);
                }
                else
                {
                    await RunCaoAsync(environment, ["plugin", "install", project, "--force"]);
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                    server = await StartServerAsync(environment);
                }
                var answer = await RunCaoAsync(environment, ["plugin", "test", "bench_loop", "--event", "post_send_message", "--json"], allowFailure: true);
                var message = JsonNode.Parse(answer)?["hooks"]?[0]?["message"]?.GetValue<string>();
                if (message != $"build {mark}")
                    throw new InvalidOperationException($"the event reached '{message}', not build {mark}");
                times.Add(clock.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            await RunAsync("tmux", ["-L", environment["CAO_TMUX_SOCKET"], "kill-server"], environment, allowFailure: true);
        }
        return times;
    }

    private static void Edit(string project, string mark) =>
        File.WriteAllText(Path.Combine(project, "Build.cs"), $"namespace Cao.BenchLoop; internal static class Build {{ public const string Name = \"{mark}\"; }}\n");

    private static async Task<Process> StartServerAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Cao, "server"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{environment["CAO_API_PORT"]}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                    return process;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("cao server did not answer /health");
    }

    private static Task<string> RunCaoAsync(Dictionary<string, string> environment, string[] args, bool allowFailure = false) =>
        RunAsync("dotnet", [Cao, .. args], environment, allowFailure);

    private static async Task<string> RunAsync(string program, string[] args, Dictionary<string, string> environment, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    // The plugin a user writes: its own project, referencing the SDK project of this checkout.
    private static string PluginProject(string root)
    {
        var repository = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repository, "CliAgentOrchestrator.slnx")))
            repository = Path.GetDirectoryName(repository) ?? throw new InvalidOperationException("run the bench from the checkout");
        var project = Directory.CreateDirectory(Path.Combine(root, "BenchLoop")).FullName;
        File.WriteAllText(Path.Combine(project, "Cao.BenchLoop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(repository, "src", "CliAgentOrchestrator.Plugins", "CliAgentOrchestrator.Plugins.csproj")}" Private="false" ExcludeAssets="runtime" />
              </ItemGroup>
            </Project>
            """);
        // The hook throws with the build's name, so the test event's answer says which build handled it.
        File.WriteAllText(Path.Combine(project, "Plugin.cs"), """
            using CliAgentOrchestrator.Plugins;
            [assembly: CaoPlugin("bench_loop", typeof(Cao.BenchLoop.BenchLoopPlugin))]
            namespace Cao.BenchLoop;
            public sealed class BenchLoopPlugin : CaoPlugin
            {
                [Hook(EventTypes.PostSendMessage)]
                public Task OnMessageAsync(PostSendMessageEvent e) => throw new InvalidOperationException("build " + Build.Name);
            }
            """);
        Edit(project, "initial");
        return project;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
