using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>The <c>--json</c> shape of one plugin in <c>cao plugin list</c> and <c>cao plugin info</c> (documented in docs/cli.md).</summary>
internal sealed record PluginView(
    string Name,
    string? Version,
    string Folder,
    bool Linked,
    string State,
    string Status,
    bool PendingRestart,
    string? Error,
    IReadOnlyList<string> Hooks,
    IReadOnlyList<string> PreHooks,
    IReadOnlyList<string> RefusedHooks,
    PluginEventCounts? Events,
    string? Isolation,
    int? Pid,
    int? Restarts,
    string? LastCrashReason)
{
    public static PluginView From(PluginRow row) => new(
        row.Name, row.Version, row.Folder, row.Linked, row.State, row.Status, row.PendingRestart, row.Error, row.Hooks,
        row.Server?.PreHooks ?? [], row.Server?.RefusedHooks ?? [],
        row.Server is { } s ? new PluginEventCounts(s.Delivered, s.Failed, s.Dropped, s.Queued) : null,
        row.Server is { } i ? Core.PluginHosting.PluginIsolations.Name(i.Isolation) : null,
        row.Server?.Pid, row.Server?.Restarts, row.Server?.LastCrashReason);
}
