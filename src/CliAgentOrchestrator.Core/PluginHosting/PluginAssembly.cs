namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>What the metadata of one plugin assembly says, read without loading it.</summary>
/// <param name="Path">The assembly file.</param>
/// <param name="Name">The assembly's simple name.</param>
/// <param name="Version">The informational version (without the source revision), else the assembly version.</param>
/// <param name="EntryPoints">The names declared with <c>[assembly: CaoPlugin("name", ...)]</c>, in declaration order.</param>
/// <param name="Hooks">Per entry point, its plugin class's hooks as <c>event_type: Type.Method</c> (declared on the class itself).</param>
/// <param name="SdkVersion">The version of <c>CliAgentOrchestrator.Plugins</c> it was compiled against, if it references it.</param>
public sealed record PluginAssembly(string Path, string Name, string? Version, IReadOnlyList<string> EntryPoints, IReadOnlyDictionary<string, IReadOnlyList<string>> Hooks, Version? SdkVersion)
{
    /// <summary>The provider keys declared with <c>[assembly: CaoProvider("key", ...)]</c>.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];
}
