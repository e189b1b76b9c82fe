namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>One plugin entry point found on disk, read from metadata without loading it.</summary>
/// <param name="Name">The entry-point name from <c>[assembly: CaoPlugin]</c>.</param>
/// <param name="Version">The assembly's version.</param>
/// <param name="Folder">The installed folder.</param>
/// <param name="Assembly">The assembly declaring it.</param>
/// <param name="Hooks">Its hooks as <c>event_type: Type.Method</c>, read from metadata.</param>
/// <param name="Enabled">False when settings switch it off (<c>cao plugin disable</c>).</param>
public sealed record InstalledPlugin(string Name, string? Version, string Folder, string Assembly, IReadOnlyList<string> Hooks, bool Enabled);
