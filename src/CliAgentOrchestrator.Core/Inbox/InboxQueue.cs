using System.Collections.Concurrent;
using System.Diagnostics;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.Inbox;

/// <summary>
/// Putting messages into the inbox. Kept apart from <see cref="InboxService"/>, which delivers them,
/// because terminals queue notes for their callers while delivery needs terminals: this way neither
/// service has to reach into the other.
/// </summary>
public sealed class InboxQueue(InboxRepository inbox, TerminalRepository terminals, MessageOptions messages, ICaoEventPublisher events) : ICallerNotifier
{
    // The span that queued each message still waiting, when tracing is on: its delivery continues
    // that trace. In memory only: after a restart a delivery starts a trace of its own.
    private readonly ConcurrentDictionary<long, ActivityContext> _queuedBy = new();

    /// <summary>Raised with the receiver's id after a message for it was stored.</summary>
    public event Action<string>? Queued;

    /// <summary>Stores a message for delivery. The receiver must exist; the text obeys <see cref="MessageText"/>.</summary>
    public InboxMessage Enqueue(string senderId, string receiverId, string message, string orchestrationType = OrchestrationTypes.SendMessage)
    {
        if (string.IsNullOrEmpty(message))
            throw new InvalidRequestException("message must not be empty");
        message = MessageText.Check(message, messages.MaxBytes);
        if (terminals.Get(TerminalNames.RequireTerminalId(receiverId)) is not { } receiver)
            throw new NotFoundException($"Receiver terminal '{receiverId}' not found");
        var queued = inbox.Enqueue(senderId, receiverId, message, orchestrationType);
        if (Activity.Current is { } current && CaoTelemetry.Tracing)
            _queuedBy[queued.Id] = current.Context;
        events.Publish(new PostQueueMessageEvent
        {
            SessionId = receiver.SessionName,
            MessageId = queued.Id,
            Sender = senderId,
            Receiver = receiverId,
            Message = message,
            OrchestrationType = orchestrationType,
        });
        Queued?.Invoke(receiverId);
        return queued;
    }

    /// <summary>The span that queued message <paramref name="id"/>, forgotten once asked for (the message is settled).</summary>
    public ActivityContext TakeQueuedBy(long id) => _queuedBy.TryRemove(id, out var context) ? context : default;

    // Notes are CAO's own text but may quote an error message; they are cleaned rather than refused.
    public void NotifyCaller(string workerId, string callerId, string note) =>
        Enqueue(workerId, callerId, MessageText.Sanitize(note), OrchestrationTypes.SendMessage);
}
