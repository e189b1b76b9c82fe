namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>What the supervisor of an isolated plugin asks of the host while it restarts the child.</summary>
internal interface ISupervision
{
    /// <summary>Stop taking events from the plugin's queue after the current one, now.</summary>
    void RequestPause();

    /// <summary>Hold the plugin's queue (events keep queueing, bounded); false when the plugin is being torn down.</summary>
    Task<bool> PauseAsync();

    /// <summary>Route the queue to the restarted child's hooks and let it go on.</summary>
    Task ResumeAsync(Protocol.SetupResult setup);

    /// <summary>Give up on the plugin: too many crashes.</summary>
    void Faulted(string reason);
}
