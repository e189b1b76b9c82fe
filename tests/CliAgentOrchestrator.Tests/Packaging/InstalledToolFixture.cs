using System.Diagnostics;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Packaging;

/// <summary>
/// CAO as a user gets it: a copy of the checkout's sources packed with <c>eng/pack.sh</c> into a temporary
/// feed (at <see cref="Version"/>, so the one-version override is exercised too), then installed by
/// <c>./install.sh --no-pack --tool-path</c> with a private <c>DOTNET_CLI_HOME</c> and <c>NUGET_PACKAGES</c>,
/// so nothing the machine has cached or installed can stand in for a missing step. Packed once per class:
/// it is the slowest thing the suite does.
/// </summary>
public sealed class InstalledToolFixture : IAsyncLifetime
{
    /// <summary>A version the checkout never has, so a package from anywhere else cannot match.</summary>
    public const string Version = "1.7.0";

    /// <summary>An older minor of the same SDK major, for the compatibility test.</summary>
    public const string OlderSdkVersion = "1.6.0";

    private static readonly string[] SourceEntries = ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "install.sh", "eng", "src", "templates"];

    private readonly TempDirectory _root = new();

    public string Checkout => _root.Combine("checkout");
    public string Feed => _root.Combine("feed");
    public string ToolPath => _root.Combine("tools");
    public string Cao => Path.Combine(ToolPath, "cao");

    /// <summary>The private variables every command of these tests runs with (plus CAO_HOME_DIR per test).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string TempPath(string name) => Directory.CreateDirectory(_root.Combine(name)).FullName;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Checkout);
        foreach (var entry in SourceEntries)
            CopySources(RepositoryFiles.Path(entry), Path.Combine(Checkout, entry));
        Environment["DOTNET_CLI_HOME"] = TempPath("dotnet-home");
        Environment["NUGET_PACKAGES"] = TempPath("nuget-packages");
        Environment["HOME"] = TempPath("home");
        Environment["DOTNET_NOLOGO"] = "1";
        Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        Environment["MSBUILDDISABLENODEREUSE"] = "1";

        // Packing builds CAO itself: that may use the machine's package cache (it is not what is under test).
        await RunAsync("bash", [Path.Combine(Checkout, "eng", "pack.sh"), "--feed", Feed, "--version", Version], Checkout, privateCaches: false);
        // The SDK at an older minor, as a plugin built a while ago would have referenced it.
        await RunAsync("dotnet", ["pack", Path.Combine(Checkout, "src", "CliAgentOrchestrator.Plugins"), "-c", "Release", "-o", _root.Combine("older-sdk"), "-p:Version=" + OlderSdkVersion], Checkout, privateCaches: false);
        await RunAsync("bash", [Path.Combine(Checkout, "install.sh"), "--no-pack", "--feed", Feed, "--version", Version, "--tool-path", ToolPath], Checkout);
    }

    public string OlderSdkPackage => _root.Combine("older-sdk", $"CliAgentOrchestrator.Plugins.{OlderSdkVersion}.nupkg");

    /// <summary>Runs a program to its end with the private environment (and <paramref name="extra"/>); throws with its output unless it exits with 0.</summary>
    public async Task<string> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? extra = null, bool privateCaches = true)
    {
        var (exitCode, output) = await TryRunAsync(program, arguments, workingDirectory, extra, privateCaches);
        if (exitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }

    public async Task<(int ExitCode, string Output)> TryRunAsync(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? extra = null, bool privateCaches = true)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CAO_", StringComparison.Ordinal) || k is "TMUX" or "TMUX_PANE").ToList())
            start.Environment.Remove(name);
        foreach (var (key, value) in Environment.Where(e => privateCaches || e.Key is not ("NUGET_PACKAGES" or "DOTNET_CLI_HOME" or "HOME")))
            start.Environment[key] = value;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    // The sources as a fresh clone has them: no bin/ or obj/ of the checkout's own builds.
    private static void CopySources(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Copy(from, to);
            return;
        }
        if (!Directory.Exists(from))
            return;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
