using System.Reflection;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>
/// How the server starts <c>cao plugin-host</c>: the program and the arguments before the command.
/// By default the running cao itself (the installed tool's apphost, or <c>dotnet cao.dll</c>), so the
/// child always carries the server's own SDK and host code.
/// </summary>
public sealed record RunnerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The running cao; from a process that is not cao (tests, benchmarks), <c>dotnet</c> with the cao.dll beside this assembly.</summary>
    public static RunnerCommand Current()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly();
        if (entry?.GetName().Name == "cao")
        {
            var viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
            return viaDotnet ? new RunnerCommand(process, [entry.Location]) : new RunnerCommand(process, []);
        }
        var caoDll = Path.Combine(AppContext.BaseDirectory, "cao.dll");
        var dotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return new RunnerCommand(dotnet, [caoDll]);
    }
}
