namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>One line of <c>cao plugin list</c>: what is installed, merged with what the server reports when it runs.</summary>
/// <param name="Name">Entry-point name.</param>
/// <param name="Version">Assembly version.</param>
/// <param name="Folder">Installed folder, or <c>built-in</c>.</param>
/// <param name="Status">loaded, failed, disabled, stopped; without a server: enabled or disabled; not loaded when installed after the server started.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Hooks">Hooks as <c>event_type: Type.Method</c>.</param>
/// <param name="Server">The server's record, with its counters; null when the server does not run or has not seen it.</param>
public sealed record PluginRow(string Name, string? Version, string Folder, string Status, string? Error, IReadOnlyList<string> Hooks, PluginInfo? Server);
