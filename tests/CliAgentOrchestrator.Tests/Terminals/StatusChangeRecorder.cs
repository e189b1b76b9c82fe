using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals.Status;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>Records a monitor's StatusChanged events.</summary>
public sealed class StatusChangeRecorder
{
    private readonly List<TerminalStatusChangedEventArgs> _changes = [];

    public StatusChangeRecorder(StatusMonitor monitor) => monitor.StatusChanged += (_, change) =>
    {
        lock (_changes)
            _changes.Add(change);
    };

    public IReadOnlyList<TerminalStatusChangedEventArgs> Changes
    {
        get
        {
            lock (_changes)
                return [.. _changes];
        }
    }

    /// <summary>The statuses reported so far, starting with the first change's previous one.</summary>
    public IReadOnlyList<TerminalStatus> Path
    {
        get
        {
            var changes = Changes;
            return changes.Count == 0 ? [] : [changes[0].Previous, .. changes.Select(c => c.Current)];
        }
    }
}
