using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Core.Inbox;

/// <summary>
/// Messages between agents. A message is queued in SQLite, then typed into the receiver when it is
/// ready (idle or completed), oldest first. Three triggers wake delivery: the receiver's status
/// turning ready, the message being queued, and a periodic sweep; each message is claimed
/// atomically before it is typed, so it is delivered exactly once however the triggers race.
/// </summary>
public sealed class InboxService : IHostedService, IDisposable
{
    private readonly InboxRepository _inbox;
    private readonly InboxQueue _queue;
    private readonly TerminalRepository _terminalRows;
    private readonly TerminalService _terminals;
    private readonly InboxOptions _options;
    private readonly ILogger<InboxService> _logger;
    private readonly ConcurrentDictionary<string, ReceiverWorker> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeper = Task.CompletedTask;

    // Deliveries that claimed messages and are typing them. A stop waits for them rather than
    // cancelling mid-paste: lines already typed would be released as pending and typed again by
    // the next server, without an event the first time (found by the restart stress test).
    private readonly Lock _typingGate = new();
    private int _typing;
    private TaskCompletionSource? _typingDone;

    public InboxService(InboxRepository inbox, InboxQueue queue, TerminalRepository terminalRows, TerminalService terminals, InboxOptions options, ILogger<InboxService> logger)
    {
        _inbox = inbox;
        _queue = queue;
        _terminalRows = terminalRows;
        _terminals = terminals;
        _options = options;
        _logger = logger;
        _terminals.StatusChanged += (_, change) =>
        {
            if (change.Current is TerminalStatus.Idle or TerminalStatus.Completed)
                Wake(change.TerminalId);
        };
        _queue.Queued += Wake;
        // A dead receiver's queued messages fail at once, with the reason, instead of waiting forever.
        _terminals.TerminalFailed += (_, failure) => FailAllPending(failure.TerminalId, ReceiverOutOfService(failure.TerminalId, failure.Reason));
    }

    private static string ReceiverOutOfService(string receiverId, string reason) => $"receiver terminal {receiverId} is out of service: {reason}";

    /// <summary>Queues a message and wakes delivery; 404 when the receiver does not exist.</summary>
    public InboxMessage Enqueue(string senderId, string receiverId, string message, string orchestrationType = OrchestrationTypes.SendMessage)
        => _queue.Enqueue(senderId, receiverId, message, orchestrationType);

    public IReadOnlyList<InboxMessage> List(string receiverId, int limit, string? status)
    {
        TerminalNames.RequireTerminalId(receiverId);
        if (limit is < 1 or > 100)
            throw new InvalidParameterException("limit must be between 1 and 100");
        if (status is not null && !InboxStatuses.All.Contains(status))
            throw new InvalidRequestException($"Invalid status '{status}': use one of {string.Join(", ", InboxStatuses.All)}");
        return _inbox.List(receiverId, limit, status);
    }

    public void Wake(string receiverId)
    {
        if (!_stopping.IsCancellationRequested)
            _workers.GetOrAdd(receiverId, id => new ReceiverWorker(id, DeliverAsync)).Wake();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeper = Task.Run(SweepAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task typing;
        lock (_typingGate)
        {
            // Under the gate: no delivery can claim after this point.
            _stopping.Cancel();
            _typingDone = _typing == 0 ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            typing = _typingDone?.Task ?? Task.CompletedTask;
        }
        await _sweeper.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await typing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(_options.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                foreach (var receiver in _inbox.ReceiversWithPending())
                    Wake(receiver);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Inbox sweep stopped");
        }
    }

    private async Task DeliverAsync(string receiverId)
    {
        try
        {
            await DeliverBatchAsync(receiverId, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Inbox delivery to {Receiver} failed unexpectedly", receiverId);
        }
    }

    private async Task DeliverBatchAsync(string receiverId, CancellationToken cancellationToken)
    {
        if (_terminalRows.Get(receiverId) is null)
        {
            FailAllPending(receiverId, $"receiver terminal {receiverId} no longer exists");
            return;
        }
        if (_terminals.FaultOf(receiverId) is { } fault)
        {
            FailAllPending(receiverId, ReceiverOutOfService(receiverId, fault));
            return;
        }
        if (await _terminals.RefreshStatusAsync(receiverId, cancellationToken) is not (TerminalStatus.Idle or TerminalStatus.Completed))
            return; // delivered on its next ready edge, or by the sweep

        lock (_typingGate)
        {
            if (_stopping.IsCancellationRequested)
                return; // the messages stay pending for the next server
            _typing++;
        }
        try
        {
            // Not the stopping token: once claimed, a batch is typed to the end (a paste takes well under a second).
            await TypeBatchAsync(receiverId, CancellationToken.None);
        }
        finally
        {
            lock (_typingGate)
            {
                if (--_typing == 0)
                    _typingDone?.TrySetResult();
            }
        }
    }

    private async Task TypeBatchAsync(string receiverId, CancellationToken cancellationToken)
    {
        var batch = _inbox.ClaimPending(receiverId, _options.BatchSize);
        if (batch.Count == 0)
            return;
        var ids = batch.Select(m => m.Id).ToList();
        try
        {
            var origins = batch.Select(m => new MessageOrigin(m.SenderId, m.OrchestrationType ?? OrchestrationTypes.SendMessage, m.Message, m.Id)).ToList();
            var result = await _terminals.DeliverAsync(receiverId, origins, cancellationToken);
            _inbox.MarkDelivered(result.Delivered.Select(o => o.InboxId!.Value).ToList());
            foreach (var (origin, denial) in result.Denied)
                _inbox.MarkRefused(origin.InboxId!.Value, denial.ToString());
        }
        catch (CaoException ex)
        {
            // Not found, out of service, CLI exited, a plugin's rewrite with control characters: retrying cannot help.
            _logger.LogWarning("Inbox messages {Ids} to {Receiver} failed: {Reason}", string.Join(",", ids), receiverId, ex.Message);
            _inbox.MarkFailed(ids, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Inbox messages {Ids} to {Receiver} could not be typed; they stay pending", string.Join(",", ids), receiverId);
            _inbox.Release(ids, ex.Message);
        }
        catch (OperationCanceledException)
        {
            _inbox.Release(ids, "server stopping");
            throw;
        }
    }

    private void FailAllPending(string receiverId, string reason)
    {
        var pending = _inbox.List(receiverId, int.MaxValue, InboxStatuses.Pending).Select(m => m.Id).ToList();
        if (pending.Count == 0)
            return;
        _logger.LogWarning("{Count} inbox messages to {Receiver} failed: {Reason}", pending.Count, receiverId, reason);
        _inbox.MarkFailed(pending, reason);
    }
}
