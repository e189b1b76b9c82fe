using System.Diagnostics;

namespace CliAgentOrchestrator.EndToEnd.Tests;

/// <summary>
/// The real agent CLIs, installed from npm at the versions pinned exactly in <c>tests/agent-clis/package.json</c>.
/// <c>.ci/run</c> installs them up front; a plain clone installs them on first use (one <c>npm install</c>,
/// guarded by a lock file so parallel test classes wait for the same install).
/// </summary>
public static class AgentClis
{
    private static readonly Lazy<string> Bin = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder of the CLIs' launchers (<c>claude</c>, <c>codex</c>, <c>copilot</c>, <c>gemini</c>, <c>opencode</c>).</summary>
    public static string BinDirectory => Bin.Value;

    /// <summary>The absolute path of one CLI's launcher.</summary>
    public static string Path(string command) => System.IO.Path.Combine(BinDirectory, command);

    /// <summary>A PATH with the CLIs first, then node and the system's usual folders.</summary>
    public static string SearchPath =>
        string.Join(':', new[] { BinDirectory, System.IO.Path.GetDirectoryName(Which("node")) ?? "/usr/bin", "/usr/local/bin", "/usr/bin", "/bin" }.Distinct());

    private static string Install()
    {
        var folder = CliAgentOrchestrator.Tests.Support.RepositoryFiles.Path("tests", "agent-clis");
        var bin = System.IO.Path.Combine(folder, "node_modules", ".bin");
        var marker = System.IO.Path.Combine(folder, "node_modules", ".cao-installed");
        var manifest = System.IO.Path.Combine(folder, "package.json");
        if (UpToDate(marker, manifest)) return bin;
        using (var lockFile = WaitForLock(System.IO.Path.Combine(folder, ".install.lock")))
        {
            if (UpToDate(marker, manifest)) return bin;
            // The install scripts only link each CLI's native binary from its optional platform package; nothing is downloaded.
            var start = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started; install Node.js 20 and npm.");
            var stderr = npm.StandardError.ReadToEndAsync();
            npm.StandardOutput.ReadToEnd();
            npm.WaitForExit();
            if (npm.ExitCode != 0) throw new InvalidOperationException($"npm install in {folder} failed ({npm.ExitCode}): {stderr.Result}");
            File.WriteAllText(marker, DateTime.UtcNow.ToString("O"));
        }
        return bin;
    }

    // An install older than package.json (a CLI added or bumped since, e.g. by a pull) is done again.
    private static bool UpToDate(string marker, string manifest) =>
        File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(manifest);

    private static FileStream WaitForLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, command)).FirstOrDefault(File.Exists);
}
