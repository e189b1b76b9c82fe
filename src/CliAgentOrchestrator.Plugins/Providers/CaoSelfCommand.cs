using System.Reflection;

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// How to start the running <c>cao</c> again: its apphost (an installed tool's shim, or
/// <c>bin/…/cao</c> under <c>dotnet run</c>), or <c>dotnet cao.dll</c> when it was started that way.
/// Agents' MCP entries fall back to it when <c>cao</c> is not on PATH, so a server run from source
/// still gives its agents a <c>cao mcp-server</c> that starts.
/// </summary>
/// <param name="Command">Absolute path of the program.</param>
/// <param name="Arguments">Arguments that come before cao's own (the dll for <c>dotnet</c>).</param>
public sealed record CaoSelfCommand(string Command, IReadOnlyList<string> Arguments)
{
    private const string ExecutableName = "cao";

    /// <summary>This process, when it is cao; null in any other program (tests, benchmarks).</summary>
    public static CaoSelfCommand? Current { get; } = Resolve(Assembly.GetEntryAssembly()?.GetName().Name, Environment.ProcessPath, Assembly.GetEntryAssembly()?.Location);

    /// <summary>The command that runs cao, given what the entry assembly and process are; null when they are not cao.</summary>
    public static CaoSelfCommand? Resolve(string? entryAssemblyName, string? processPath, string? entryAssemblyLocation)
    {
        if (entryAssemblyName != ExecutableName || string.IsNullOrEmpty(processPath))
            return null;
        if (Path.GetFileNameWithoutExtension(processPath) != "dotnet")
            return new CaoSelfCommand(processPath, []);
        return string.IsNullOrEmpty(entryAssemblyLocation) ? null : new CaoSelfCommand(processPath, [entryAssemblyLocation]);
    }
}
