using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.Terminals;

// post_terminal_status_change: one event per change of the status the API reports. The monitor
// raises its changes in order after its latch stored them; a terminal out of service reports error
// whatever its screen shows, so the fault announces that change and the monitor's later ones are no change.
public sealed partial class TerminalService
{
    /// <summary>How many tracked terminals are in each status (for the <c>cao.terminals</c> metric).</summary>
    public IReadOnlyDictionary<TerminalStatus, int> CountByStatus() =>
        _runtimes.Keys.GroupBy(StatusOf).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The span of the last operation that drove the terminal (see <see cref="TerminalRuntime.LastOperation"/>); default when none or not tracked.</summary>
    public System.Diagnostics.ActivityContext LastOperationOf(string terminalId) =>
        _runtimes.TryGetValue(terminalId, out var runtime) ? runtime.LastOperation : default;

    private void OnMonitorStatusChanged(TerminalRuntime runtime, TerminalStatusChangedEventArgs change)
    {
        AnnounceStatus(runtime, change.Current);
        StatusChanged?.Invoke(this, change);
    }

    // Called once the terminal's post_create_terminal went out (or at re-attach): plugins hear of a
    // terminal before its status, and the changes made while it started are summed up in one event.
    private void StartAnnouncingStatus(TerminalRuntime runtime)
    {
        lock (runtime.AnnounceGate)
            runtime.Announcing = true;
        AnnounceStatus(runtime, runtime.Monitor.Status);
    }

    // Previous is what plugins were last told, so the events form an unbroken chain; a terminal out of
    // service is error whatever its screen shows, as the API reports it.
    private void AnnounceStatus(TerminalRuntime runtime, TerminalStatus current)
    {
        lock (runtime.AnnounceGate)
        {
            if (!runtime.Announcing)
                return;
            if (_faults.ContainsKey(runtime.Record.Id))
                current = TerminalStatus.Error;
            if (current == runtime.AnnouncedStatus)
                return;
            var previous = runtime.AnnouncedStatus;
            runtime.AnnouncedStatus = current;
            events.Publish(new PostTerminalStatusChangeEvent
            {
                SessionId = runtime.Record.SessionName,
                TerminalId = runtime.Record.Id,
                AgentName = runtime.Record.AgentProfile,
                Provider = runtime.Record.Provider,
                PreviousStatus = StatusNames.Of(previous),
                Status = StatusNames.Of(current),
                Traceparent = CaoTelemetry.Traceparent(runtime.LastOperation),
            });
        }
    }
}
