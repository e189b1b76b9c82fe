using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The host's record of one plugin entry point, whether it loaded or not.</summary>
internal sealed class LoadedPlugin(string name, string source, string? version)
{
    public string Name { get; } = name;
    public string Source { get; } = source;
    public string? Version { get; } = version;
    public CaoPlugin? Instance { get; set; }
    public PluginMailbox? Mailbox { get; set; }
    public PluginStatus Status { get; set; } = PluginStatus.Failed;
    public string? Error { get; set; }
    public IReadOnlyList<HookInvoker> Hooks { get; set; } = [];
    public IReadOnlyList<string> Refusals { get; set; } = [];
    public IReadOnlyList<PreHooks.PreHookInvoker> PreHooks { get; set; } = [];
    /// <summary>Its <c>[CaoTool]</c> methods, bound from the type before the plugin is created.</summary>
    public IReadOnlyList<Tools.PluginTool> Tools { get; set; } = [];
    public IReadOnlyList<string> ToolRefusals { get; set; } = [];

    /// <summary>Where the plugin runs.</summary>
    public PluginIsolation Isolation { get; set; }

    /// <summary>The supervisor of the plugin's child process, when it runs isolated and got that far.</summary>
    public Isolation.IsolatedPlugin? Isolated { get; set; }

    public PluginInfo Describe()
    {
        var counters = Mailbox?.Counters ?? new PluginCounters(0, 0, 0, 0);
        return new PluginInfo
        {
            Name = Name,
            Version = Version,
            Source = Source,
            Status = Status,
            Error = Error,
            Hooks = Hooks.Select(h => $"{h.EventType}: {h.MethodName}").ToList(),
            PreHooks = PreHooks.Select(h => $"{h.EventType}: {h.MethodName} (order {h.Order}, fail {(h.FailClosed ? "closed" : "open")})").ToList(),
            RefusedHooks = Refusals,
            Tools = Tools.Select(t => t.QualifiedName).ToList(),
            RefusedTools = ToolRefusals,
            Delivered = counters.Delivered,
            Failed = counters.Failed,
            Dropped = counters.Dropped,
            Queued = counters.Queued,
            Isolation = Isolation,
            Pid = Isolated?.Pid,
            Restarts = Isolated?.Restarts ?? 0,
            LastCrashReason = Isolated?.LastCrashReason,
            MemoryLimitMb = Isolated?.MemoryLimitMb,
            WorkingSetBytes = Isolated?.WorkingSetBytes,
        };
    }
}
