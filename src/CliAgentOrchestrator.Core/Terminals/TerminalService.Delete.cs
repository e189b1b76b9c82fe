using System.Text.Json;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// Deleting a terminal: keep its scrollback, stop tracking, kill the window, drop the row, tell plugins.
public sealed partial class TerminalService
{
    public async Task DeleteAsync(string terminalId, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        await DeleteRecordAsync(record, cancellationToken);
    }

    internal async Task DeleteRecordAsync(TerminalRecord record, CancellationToken cancellationToken)
    {
        using var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.TerminalDelete);
        span?.SetTag(CaoTelemetry.Attributes.TerminalId, record.Id);
        span?.SetTag(CaoTelemetry.Attributes.Session, record.SessionName);
        try
        {
            await DeleteUntracedAsync(record, cancellationToken);
        }
        catch (Exception ex)
        {
            CaoTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task DeleteUntracedAsync(TerminalRecord record, CancellationToken cancellationToken)
    {
        var target = new TmuxTarget(record.SessionName, record.WindowName);
        await SnapshotAsync(record, target, cancellationToken);
        if (_runtimes.TryGetValue(record.Id, out var runtime))
            runtime.Provider.Cleanup();
        await UntrackAsync(record.Id, target);
        var announced = _faults.TryRemove(record.Id, out var fault) && fault.KillAnnounced;
        try
        {
            await tmux.KillWindowAsync(target, cancellationToken);
        }
        catch (TmuxCommandException ex)
        {
            logger.LogDebug(ex, "Window of terminal {TerminalId} was already gone", record.Id);
        }

        if (terminals.Delete(record.Id) && !announced)
        {
            events.Publish(new PostKillTerminalEvent
            {
                SessionId = record.SessionName,
                TerminalId = record.Id,
                AgentName = record.AgentProfile,
            });
        }
    }

    private async Task SnapshotAsync(TerminalRecord record, TmuxTarget target, CancellationToken cancellationToken)
    {
        var directory = home.TerminalLogDirectory;
        var workingDirectory = record.WorkingDirectory;
        try
        {
            var scrollback = await tmux.CapturePaneAsync(target, CaptureRange.FullHistory, cancellationToken: cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, record.Id + ".scrollback"), scrollback, cancellationToken);
            workingDirectory = await tmux.GetPaneCurrentPathAsync(target, cancellationToken);
        }
        catch (TmuxCommandException)
        {
            // the window is gone: nothing to keep but the record
        }
        var snapshot = new TerminalSnapshot
        {
            TerminalId = record.Id,
            SessionName = record.SessionName,
            WindowName = record.WindowName,
            AgentProfile = record.AgentProfile,
            Provider = record.Provider,
            WorkingDirectory = workingDirectory,
            AllowedTools = record.AllowedTools,
            CallerId = record.CallerId,
        };
        await File.WriteAllTextAsync(Path.Combine(directory, record.Id + ".snapshot.json"), JsonSerializer.Serialize(snapshot), cancellationToken);
    }
}
