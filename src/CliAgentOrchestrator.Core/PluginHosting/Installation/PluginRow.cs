namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>One line of <c>cao plugin list</c>: what is installed, merged with what the server reports when it runs.</summary>
/// <param name="Name">Entry-point name.</param>
/// <param name="Version">Assembly version.</param>
/// <param name="Folder">Installed or linked folder, or <c>built-in</c>.</param>
/// <param name="Status">For people: loaded, failed, faulted, disabled, stopped; without a server: enabled or disabled;
/// <c>pending restart</c>, <c>removed (restart to apply)</c>, <c>disabled (restart to apply)</c>… when the disk changed since the server loaded it.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Hooks">Hooks as <c>event_type: Type.Method</c>.</param>
/// <param name="Server">The server's record, with its counters; null when the server does not run or has not seen it.</param>
/// <param name="State">For scripts: one word (loaded, failed, faulted, disabled, enabled, stopped, not_loaded, removed, replaced).</param>
/// <param name="PendingRestart">True when what is on disk differs from what the server runs (a restart or <c>cao plugin reload</c> applies it).</param>
/// <param name="Linked">True for a build output linked with <c>cao plugin install --link</c>.</param>
public sealed record PluginRow(string Name, string? Version, string Folder, string Status, string? Error, IReadOnlyList<string> Hooks, PluginInfo? Server,
    string State, bool PendingRestart, bool Linked);
