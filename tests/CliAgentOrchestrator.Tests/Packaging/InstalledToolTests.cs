using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Packaging;

/// <summary>
/// The installed <c>cao</c> tool end to end, as a new user meets it: version, a plugin written with
/// <c>cao plugin new</c> and one with <c>dotnet new cao-plugin</c> in folders outside the checkout, built
/// and tested against the SDK package, installed, and loaded by the installed <c>cao server</c>.
/// </summary>
public sealed class InstalledToolTests(InstalledToolFixture tool) : IClassFixture<InstalledToolFixture>
{
    [Fact]
    public async Task OneVersionNamesTheToolTheSdkPackageItsAssemblyAndTheTemplate()
    {
        var version = await tool.RunAsync(tool.Cao, ["--version"], tool.TempPath("version"));

        Assert.StartsWith(InstalledToolFixture.Version, version.Trim());
        Assert.Equal(
            [$"CliAgentOrchestrator.{InstalledToolFixture.Version}.nupkg", $"CliAgentOrchestrator.Plugins.{InstalledToolFixture.Version}.nupkg", $"CliAgentOrchestrator.Templates.{InstalledToolFixture.Version}.nupkg"],
            Directory.GetFiles(tool.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var sdk = ZipFile.OpenRead(Path.Combine(tool.Feed, $"CliAgentOrchestrator.Plugins.{InstalledToolFixture.Version}.nupkg"));
        Assert.Contains(sdk.Entries, e => e.FullName == "lib/net10.0/CliAgentOrchestrator.Plugins.xml");
        var assembly = Path.Combine(tool.TempPath("sdk-dll"), "CliAgentOrchestrator.Plugins.dll");
        sdk.GetEntry("lib/net10.0/CliAgentOrchestrator.Plugins.dll")!.ExtractToFile(assembly);
        Assert.Equal(new Version(InstalledToolFixture.Version + ".0"), System.Reflection.AssemblyName.GetAssemblyName(assembly).Version);
    }

    [Fact]
    public async Task PluginsFromBothGeneratorsBuildTestInstallAndLoadInTheInstalledServer()
    {
        var home = tool.TempPath("cao-home");
        var work = tool.TempPath("work"); // outside the checkout: no Directory.Build.props or SDK project above it
        var caoHome = new Dictionary<string, string> { ["CAO_HOME_DIR"] = home };

        // cao plugin new: the package by version from the feed under the CAO home, no path to a checkout.
        await tool.RunAsync(tool.Cao, ["plugin", "new", "Hello"], work, caoHome);
        var hello = Path.Combine(work, "Hello");
        var project = File.ReadAllText(Path.Combine(hello, "Hello", "Hello.csproj"));
        Assert.Contains($"<PackageReference Include=\"CliAgentOrchestrator.Plugins\" Version=\"{InstalledToolFixture.Version}\" ExcludeAssets=\"runtime\" />", project);
        Assert.Contains($"value=\"{Path.Combine(home, "packages")}\"", File.ReadAllText(Path.Combine(hello, "nuget.config")));
        Assert.DoesNotContain(Directory.GetFiles(hello, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains(tool.Checkout, StringComparison.Ordinal));
        var tests = await tool.RunAsync("dotnet", ["test"], hello, caoHome);
        Assert.Contains("Failed:     0", tests);

        // dotnet new cao-plugin, from the installed template package, built against an older SDK minor.
        File.Copy(tool.OlderSdkPackage, Path.Combine(home, "packages", Path.GetFileName(tool.OlderSdkPackage)));
        await tool.RunAsync("dotnet", ["new", "cao-plugin", "-n", "Legacy", "--sdk-version", InstalledToolFixture.OlderSdkVersion], work, caoHome);
        var legacy = Path.Combine(work, "Legacy");
        Assert.Contains($"Version=\"{InstalledToolFixture.OlderSdkVersion}\"", File.ReadAllText(Path.Combine(legacy, "Legacy", "Legacy.csproj")));

        await tool.RunAsync(tool.Cao, ["plugin", "install", Path.Combine(hello, "Hello")], work, caoHome);
        await tool.RunAsync(tool.Cao, ["plugin", "install", Path.Combine(legacy, "Legacy")], work, caoHome);

        var port = LoopbackPort.Free();
        var socket = "cao-it-" + Guid.NewGuid().ToString("N")[..10];
        var serverEnvironment = new Dictionary<string, string>(caoHome) { ["CAO_TMUX_SOCKET"] = socket };
        using var server = StartServer(serverEnvironment, port, work);
        try
        {
            var log = Path.Combine(home, "logs");
            await Poll.UntilAsync(
                () => Directory.Exists(log) && Directory.GetFiles(log, "cao-*.log").Select(Read).Any(text => text.Contains("Loaded CAO plugin: hello") && text.Contains("Loaded CAO plugin: legacy")),
                "the installed server to log both plugins loaded", TimeSpan.FromSeconds(60));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            await tool.TryRunAsync("tmux", ["-L", socket, "kill-server"], work);
        }
    }

    private Process StartServer(Dictionary<string, string> environment, int port, string workingDirectory)
    {
        var start = new ProcessStartInfo(tool.Cao, ["server", "--port", port.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CAO_", StringComparison.Ordinal) || k is "TMUX" or "TMUX_PANE").ToList())
            start.Environment.Remove(name);
        foreach (var (key, value) in tool.Environment.Concat(environment))
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The server keeps its log open for writing; share it.
    private static string Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}
