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
                logger.LogWarning("Terminal {TerminalId} ({Window} in {Session}) has no window any more; delete it to remove its record",
                    record.Id, record.WindowName, record.SessionName);
                continue;
            }
            var runtime = await TrackAsync(record, CreateProvider(record, record.AgentProfile is { } profile ? FindProfile(profile) : null), resumeFromEnd: true, cancellationToken);
            runtime.Monitor.RequestDetection();
            reattached++;
        }
        return reattached;
    }
}
