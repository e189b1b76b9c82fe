using CliAgentOrchestrator.Core.Errors;
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
public sealed class InboxQueue(InboxRepository inbox, TerminalRepository terminals, MessageOptions messages) : ICallerNotifier
{
    /// <summary>Raised with the receiver's id after a message for it was stored.</summary>
    public event Action<string>? Queued;

    /// <summary>Stores a message for delivery. The receiver must exist; the text obeys <see cref="MessageText"/>.</summary>
    public InboxMessage Enqueue(string senderId, string receiverId, string message, string orchestrationType = OrchestrationTypes.SendMessage)
    {
        if (string.IsNullOrEmpty(message))
            throw new InvalidRequestException("message must not be empty");
        message = MessageText.Check(message, messages.MaxBytes);
        if (terminals.Get(TerminalNames.RequireTerminalId(receiverId)) is null)
            throw new NotFoundException($"Receiver terminal '{receiverId}' not found");
        var queued = inbox.Enqueue(senderId, receiverId, message, orchestrationType);
        Queued?.Invoke(receiverId);
        return queued;
    }

    // Notes are CAO's own text but may quote an error message; they are cleaned rather than refused.
    public void NotifyCaller(string workerId, string callerId, string note) =>
        Enqueue(workerId, callerId, MessageText.Sanitize(note), OrchestrationTypes.SendMessage);
}
