using System.Text;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// Deferred start (assign, POST /sessions with an initial message): the request returns at once;
// the CLI launches in the background, gets its task, and is checked to have started working.
public sealed partial class TerminalService
{
    private static readonly TimeSpan StartWorkingWait = TimeSpan.FromSeconds(8);
    private const int Resubmits = 3;
    private readonly CancellationTokenSource _stopping = new();

    private void StartDeferredInit(TerminalRuntime runtime, CreateTerminalRequest request) =>
        _ = Task.Run(() => DeferredInitAsync(runtime, request, _stopping.Token));

    private async Task DeferredInitAsync(TerminalRuntime runtime, CreateTerminalRequest request, CancellationToken cancellationToken)
    {
        var record = runtime.Record;
        try
        {
            await InitializeAsync(runtime, cancellationToken);
            if (request.InitialMessage is not { Length: > 0 } message)
                return;
            var type = request.InitialMessageOrchestrationType ?? OrchestrationTypes.Assign;
            var sender = record.CallerId;
            await SendInputAsync(record.Id, message, sender, sender is null ? null : type, cancellationToken);
            if (await ConfirmStartedAsync(runtime, message, sender, type, cancellationToken))
                return;
            await GiveUpAsync(record, $"Worker terminal {record.Id} ({record.AgentProfile}) never started working on its task; it was deleted.", cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Deferred start of terminal {TerminalId} failed", record.Id);
            await GiveUpAsync(record, $"Worker terminal {record.Id} ({record.AgentProfile}) failed to start: {ex.Message}. It was deleted.", cancellationToken);
        }
    }

    // Did the worker leave idle? If not, press Enter when the text is still in its input box, else type it again.
    private async Task<bool> ConfirmStartedAsync(TerminalRuntime runtime, string message, string? sender, string type, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await WaitUntilWorkingAsync(runtime, cancellationToken))
                return true;
            if (attempt == Resubmits)
                return false;
            var screen = await tmux.CapturePaneAsync(runtime.Target, CaptureRange.Visible, cancellationToken: cancellationToken);
            if (Fingerprint(screen).Contains(Fingerprint(message)[..Math.Min(24, Fingerprint(message).Length)], StringComparison.Ordinal))
            {
                logger.LogInformation("Terminal {TerminalId}: task visible but not submitted; pressing Enter", runtime.Record.Id);
                runtime.Monitor.NotifyInputSent();
                await tmux.SendKeyAsync(runtime.Target, "Enter", cancellationToken);
            }
            else
            {
                logger.LogInformation("Terminal {TerminalId}: task not taken; sending it again", runtime.Record.Id);
                await SendInputAsync(runtime.Record.Id, message, sender, sender is null ? null : type, cancellationToken);
            }
        }
    }

    private static async Task<bool> WaitUntilWorkingAsync(TerminalRuntime runtime, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartWorkingWait;
        while (DateTime.UtcNow < deadline)
        {
            if (await runtime.Monitor.GetStatusAsync(cancellationToken) is TerminalStatus.Processing or TerminalStatus.Completed or TerminalStatus.WaitingUserAnswer)
                return true;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        return false;
    }

    private static string Fingerprint(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(char.IsLetterOrDigit))
            builder.Append(c);
        return builder.ToString();
    }

    private async Task GiveUpAsync(TerminalRecord record, string note, CancellationToken cancellationToken)
    {
        if (record.CallerId is { } caller)
            callers.NotifyCaller(record.Id, caller, note);
        else
            logger.LogWarning("{Note}", note);
        try
        {
            await DeleteRecordAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Deleting failed worker {TerminalId} failed", record.Id);
        }
    }
}
