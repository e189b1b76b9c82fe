using System.Collections.Concurrent;
using System.Diagnostics;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;
using Polly;
using Polly.Retry;

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
    private readonly ICaoEventPublisher _events;
    private readonly ConcurrentDictionary<string, ReceiverWorker> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    // A mark after typing is retried for about ten seconds: a lock or a moment of full disk passes.
    private readonly ResiliencePipeline _markRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<StorageUnavailableException>(),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(2),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();
    private Task _sweeper = Task.CompletedTask;

    // The stop is ordered: once it begins no delivery starts, the running ones are cancelled and
    // awaited, and only then is the token source disposed. A delivery that started after the source
    // was disposed used to fail on its token and log an error at every shutdown. Guards the three
    // fields below and every read of _stopping.Token.
    private readonly Lock _lifecycle = new();
    private volatile bool _stopRequested;
    private int _running;
    private TaskCompletionSource? _allStopped;

    public InboxService(InboxRepository inbox, InboxQueue queue, TerminalRepository terminalRows, TerminalService terminals, InboxOptions options, ILogger<InboxService> logger, ICaoEventPublisher events)
    {
        _events = events;
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
        _queue.Queued += receiverId => Wake(receiverId);
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

    /// <summary>The latest messages of every receiver, newest first; limit 1-1000.</summary>
    public IReadOnlyList<InboxMessage> ListAll(int limit, string? status)
    {
        if (limit is < 1 or > 1000)
            throw new InvalidParameterException("limit must be between 1 and 1000");
        if (status is not null && !InboxStatuses.All.Contains(status))
            throw new InvalidRequestException($"Invalid status '{status}': use one of {string.Join(", ", InboxStatuses.All)}");
        return _inbox.ListAll(limit, status);
    }

    /// <summary>
    /// Starts a delivery pass for the receiver. With <paramref name="readScreen"/> the pass re-reads the
    /// screen of a receiver whose status says busy; without it the pass trusts the status monitor, which
    /// wakes delivery itself when the receiver turns ready. A new message therefore costs no screen read
    /// (a tmux process) while its receiver works; the sweep still reads, in case an edge was missed.
    /// </summary>
    public void Wake(string receiverId, bool readScreen = false)
    {
        if (!_stopRequested)
            _workers.GetOrAdd(receiverId, id => new ReceiverWorker(id, DeliverAsync)).Wake(readScreen);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // At once, not at the first sweep tick: rows a dead server left claimed are settled first thing.
        WakeReceiversWithWork();
        CancellationToken stopping;
        lock (_lifecycle)
            stopping = _stopping.Token;
        _sweeper = Task.Run(() => SweepAsync(stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    private void WakeReceiversWithWork()
    {
        try
        {
            foreach (var receiver in _inbox.ReceiversWithWork())
                Wake(receiver, readScreen: true);
        }
        catch (StorageUnavailableException ex)
        {
            // Health reports it; the sweep tries again on its next tick.
            _logger.LogWarning("Inbox sweep skipped: {Reason}", ex.Message);
        }
    }

    /// <summary>
    /// Lets no delivery start from now on, cancels the running ones and waits for them. A message
    /// whose paste has started is finished rather than cancelled mid-paste: lines already typed would
    /// be released as pending and typed again by the next server, without an event the first time
    /// (found by the restart stress test). Claimed messages not started go back to pending.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task running;
        lock (_lifecycle)
        {
            _stopRequested = true;
            if (_running > 0)
                _allStopped ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            running = _allStopped?.Task ?? Task.CompletedTask;
        }
        // Outside the lock: cancellation runs the callbacks registered on the token on this thread.
        _stopping.Cancel();
        await _sweeper.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        // Under the lock, so no delivery is between its check and reading the token. A delivery the
        // host gave up waiting for holds its token, which a disposed source still answers.
        lock (_lifecycle)
        {
            _stopRequested = true;
            _stopping.Dispose();
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                WakeReceiversWithWork();
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

    private async Task DeliverAsync(string receiverId, bool readScreen)
    {
        CancellationToken stopping;
        lock (_lifecycle)
        {
            if (_stopRequested)
                return; // the messages stay pending for the next server
            _running++;
            stopping = _stopping.Token;
        }
        try
        {
            await DeliverBatchAsync(receiverId, readScreen, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Inbox delivery to {Receiver} failed unexpectedly", receiverId);
        }
        finally
        {
            lock (_lifecycle)
            {
                if (--_running == 0)
                    _allStopped?.TrySetResult();
            }
        }
    }

    private async Task DeliverBatchAsync(string receiverId, bool readScreen, CancellationToken cancellationToken)
    {
        // Woken by a new message or an edge while the monitor sees the receiver busy (or not at all):
        // nothing to do before its next ready edge, or the sweep, which looks closer. Not even a read.
        if (!readScreen && _terminals.StatusOf(receiverId) is not (TerminalStatus.Idle or TerminalStatus.Completed))
            return;
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

        if (cancellationToken.IsCancellationRequested)
            return; // stopping: the messages stay pending for the next server
        // Not the stopping token: a message whose paste started is finished (paste, Enter, mark).
        // Rows a dead server (or a failed mark) left claimed are settled first, so order holds.
        if (!await RecoverAsync(receiverId, CancellationToken.None))
            return;
        var status = readScreen ? await _terminals.RefreshStatusAsync(receiverId, cancellationToken) : _terminals.StatusOf(receiverId);
        if (status is not (TerminalStatus.Idle or TerminalStatus.Completed))
            return; // delivered on its next ready edge, or by the sweep
        await TypeBatchAsync(receiverId, CancellationToken.None);
    }

    // One message per paste, each behind its own durable marker: claimed (delivering) → typing
    // (text and log offset stored) → paste and Enter → delivered. A crash anywhere leaves at most
    // one row in doubt, the typing one, and RecoverAsync settles it from the terminal's log.
    private async Task TypeBatchAsync(string receiverId, CancellationToken cancellationToken)
    {
        var batch = new Queue<InboxMessage>(_inbox.ClaimPending(receiverId, _options.BatchSize));
        try
        {
            while (batch.TryPeek(out var message) && !_stopRequested)
            {
                using var span = StartDelivery(message);
                var origin = new MessageOrigin(message.SenderId, message.OrchestrationType ?? OrchestrationTypes.SendMessage, message.Message, message.Id);
                var (screened, denial) = await _terminals.ScreenAsync(receiverId, origin, cancellationToken);
                if (denial is not null)
                {
                    _inbox.MarkRefused(message.Id, denial.ToString());
                    span?.SetTag(CaoTelemetry.Attributes.Outcome, "refused");
                    batch.Dequeue();
                    continue;
                }
                if (!_inbox.MarkTyping(message.Id, screened.Message, _terminals.LogLength(receiverId)))
                    throw new InvalidOperationException($"inbox message {message.Id} was no longer claimed");
                batch.Dequeue(); // from here on the row is typing: RecoverAsync, not Release, settles it
                await _terminals.TypeMessageAsync(receiverId, screened, cancellationToken);
                await MarkTypedAsDeliveredAsync(message.Id, receiverId);
            }
        }
        catch (StorageUnavailableException ex)
        {
            // The rows cannot be marked now; they stay claimed and the next pass recovers them.
            _logger.LogWarning("Inbox delivery to {Receiver} paused: {Reason}", receiverId, ex.Message);
            return;
        }
        catch (CaoException ex)
        {
            // Not found, out of service, CLI exited, a plugin's rewrite with control characters: retrying cannot help.
            _logger.LogWarning("Inbox messages to {Receiver} failed: {Reason}", receiverId, ex.Message);
            _inbox.MarkFailed(batch.Select(m => m.Id).ToList(), ex.Message);
            AnnounceFailed(batch, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Inbox messages to {Receiver} could not be typed; they stay pending", receiverId);
            _inbox.Release(batch.Select(m => m.Id).ToList(), ex.Message);
            return;
        }
        // Stopping: what was claimed and not started goes back to the queue for the next server.
        _inbox.Release(batch.Select(m => m.Id).ToList(), "server stopping");
    }

    // Typed means delivered: a mark that fails (disk full, a lock) is retried, never taken for a
    // failed delivery; if it keeps failing the row stays typing and RecoverAsync finds it typed.
    private async Task MarkTypedAsDeliveredAsync(long id, string receiverId)
    {
        try
        {
            await _markRetry.ExecuteAsync(_ =>
            {
                _inbox.MarkDelivered([id]);
                return ValueTask.CompletedTask;
            });
        }
        catch (StorageUnavailableException ex)
        {
            _logger.LogWarning("Inbox message {Id} to {Receiver} was typed but cannot be marked delivered yet ({Reason}); it will be marked when the database works again",
                id, receiverId, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// Settles the receiver's rows a delivery claimed and did not finish: claimed ones were never
    /// typed and go back to the queue; the one being typed is looked for in the terminal's log, and
    /// is delivered (pressing Enter if the text waits on the input line) or queued again.
    /// Returns false when they could not be settled now (the database or the terminal is not there).
    /// </summary>
    private async Task<bool> RecoverAsync(string receiverId, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var row in _inbox.Unfinished(receiverId))
            {
                if (row.Status == InboxStatuses.Delivering || row.TypedText is null)
                {
                    _inbox.Release([row.Id], "requeued: claimed by a delivery that stopped before typing it");
                    continue;
                }
                var check = await _terminals.CheckTypedAsync(receiverId, row.TypedText, row.LogOffset ?? 0, cancellationToken);
                if (check == TypedCheck.NotTyped)
                {
                    _inbox.Release([row.Id], "requeued: the delivery stopped before the text reached the terminal");
                    continue;
                }
                if (check == TypedCheck.Undecided)
                    return false; // asked again on the receiver's next ready edge or sweep; nothing later is typed before it
                await _terminals.SubmitPastedAsync(receiverId, cancellationToken);
                _logger.LogInformation("Inbox message {Id} to {Receiver} had been typed when its delivery stopped; submitted and marked delivered, not typed again",
                    row.Id, receiverId);
                await MarkTypedAsDeliveredAsync(row.Id, receiverId);
                _terminals.AnnounceDelivered(receiverId, new MessageOrigin(row.SenderId, row.OrchestrationType ?? OrchestrationTypes.SendMessage, row.TypedText, row.Id));
            }
            return true;
        }
        catch (Exception ex) when (ex is StorageUnavailableException or ConflictException or NotFoundException or Tmux.TmuxCommandException)
        {
            _logger.LogWarning("Unfinished inbox deliveries to {Receiver} cannot be settled yet: {Reason}", receiverId, ex.Message);
            return false;
        }
    }

    private void FailAllPending(string receiverId, string reason)
    {
        // One atomic transition: a concurrent caller gets only the rows it failed itself.
        var failed = _inbox.FailUnfinished(receiverId, reason);
        if (failed.Count == 0)
            return;
        _logger.LogWarning("{Count} inbox messages to {Receiver} failed: {Reason}", failed.Count, receiverId, reason);
        AnnounceFailed(failed, reason);
    }

    // After the rows are marked failed, one post_fail_message each, oldest first.
    private void AnnounceFailed(IEnumerable<InboxMessage> failed, string reason)
    {
        foreach (var message in failed)
        {
            _queue.TakeQueuedBy(message.Id);
            _events.Publish(new PostFailMessageEvent
            {
                SessionId = _terminalRows.Get(message.ReceiverId)?.SessionName,
                MessageId = message.Id,
                Sender = message.SenderId,
                Receiver = message.ReceiverId,
                Message = message.Message,
                OrchestrationType = message.OrchestrationType ?? OrchestrationTypes.SendMessage,
                Reason = reason,
            });
        }
    }

    // Continues the trace that queued the message, linked to the receiver's last operation (whose
    // end made the receiver ready and so triggered this delivery).
    private Activity? StartDelivery(InboxMessage message)
    {
        if (!CaoTelemetry.Tracing)
            return null;
        var receiverOperation = _terminals.LastOperationOf(message.ReceiverId);
        var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.InboxDeliver, ActivityKind.Consumer, _queue.TakeQueuedBy(message.Id),
            links: receiverOperation == default ? null : [new ActivityLink(receiverOperation)]);
        span?.SetTag(CaoTelemetry.Attributes.MessageId, message.Id);
        span?.SetTag(CaoTelemetry.Attributes.TerminalId, message.ReceiverId);
        span?.SetTag(CaoTelemetry.Attributes.Sender, message.SenderId);
        span?.SetTag(CaoTelemetry.Attributes.OrchestrationType, message.OrchestrationType);
        return span;
    }
}
