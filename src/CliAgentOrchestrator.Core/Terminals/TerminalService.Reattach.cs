using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// After a restart: terminals whose windows survived get their provider, output tail and status
// monitor back (Python leaves them "unknown" forever). The tmux pipe kept appending to the log,
// so tracking resumes from the log's end.
public sealed partial class TerminalService
{
    public async Task<int> ReattachAllAsync(CancellationToken cancellationToken)
    {
        var reattached = 0;
        var windowsBySession = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var record in terminals.ListAll())
        {
            if (!windowsBySession.TryGetValue(record.SessionName, out var windows))
            {
                windows = await tmux.HasSessionAsync(record.SessionName, cancellationToken)
                    ? (await tmux.ListWindowsAsync(record.SessionName, cancellationToken)).Select(w => w.Name).ToHashSet(StringComparer.Ordinal)
                    : [];
                windowsBySession[record.SessionName] = windows;
            }
            if (!windows.Contains(record.WindowName))
            {
                // Whether the previous server announced it is unknown: deleting it publishes post_kill_terminal.
                var reason = $"its tmux window {record.SessionName}:{record.WindowName} was gone when the server started";
                _faults[record.Id] = new TerminalFault(reason, WindowGone: true, KillAnnounced: false);
                logger.LogWarning("Terminal {TerminalId} is out of service: {Reason}; delete it to remove its record", record.Id, reason);
                continue;
            }
            var runtime = await TrackAsync(record, CreateProvider(record, record.AgentProfile is { } profile ? FindProfile(profile) : null), resumeFromEnd: true, panePid: null, cancellationToken);
            // The shell baseline is stored when init finishes; without it the server stopped while
            // creating the terminal, and nobody will finish that (the request that asked for it is gone).
            if (record.ShellCommand is null)
            {
                var reason = $"its creation was interrupted by a server stop before {record.Provider} was ready";
                _faults[record.Id] = new TerminalFault(reason, WindowGone: false, KillAnnounced: false);
                logger.LogWarning("Terminal {TerminalId} is out of service: {Reason}; delete it and create a new one", record.Id, reason);
                continue;
            }
            runtime.CliStarted = true;
            StartAnnouncingStatus(runtime);
            runtime.Monitor.RequestDetection();
            reattached++;
        }
        return reattached;
    }
}
