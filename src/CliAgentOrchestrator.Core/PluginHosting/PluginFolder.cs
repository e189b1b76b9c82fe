namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>One installed plugin folder and the assemblies in it that declare entry points.</summary>
/// <param name="Path">The folder.</param>
/// <param name="EntryAssemblies">Assemblies carrying <c>[assembly: CaoPlugin(...)]</c>.</param>
/// <param name="Linked">A build output linked with <c>cao plugin install --link</c>: loaded from a private copy, so it can be rebuilt while loaded.</param>
public sealed record PluginFolder(string Path, IReadOnlyList<string> EntryAssemblies, bool Linked = false);
