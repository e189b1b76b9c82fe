using CliAgentOrchestrator.Api;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Providers;
using CliAgentOrchestrator.Terminals.Input;

namespace CliAgentOrchestrator.Terminals;

// Typing into a terminal. post_send_message fires after the text was pasted and submitted, and
// only when the caller said who sent it and how (the inbox, assign, handoff, or a client that passes both).
public sealed partial class TerminalService
{
    public Task SendInputAsync(string terminalId, string message, string? senderId, string? orchestrationType, CancellationToken cancellationToken) =>
        DeliverAsync(terminalId, message,
            senderId is not null && orchestrationType is not null ? [new MessageOrigin(senderId, orchestrationType, message)] : [],
            cancellationToken);

    /// <summary>
    /// Types <paramref name="message"/> into the terminal and submits it, then publishes one
    /// <c>post_send_message</c> per origin (the inbox delivers several queued messages in one paste).
    /// </summary>
    public async Task DeliverAsync(string terminalId, string message, IReadOnlyList<MessageOrigin> origins, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message))
            throw ApiException.BadRequest("message must not be empty");
        var record = Require(terminalId);
        var runtime = RuntimeOf(record);
        var status = runtime.Monitor.Status;
        if (status == TerminalStatus.Error)
            throw ApiException.Conflict($"Terminal '{terminalId}' is in error state; input refused so it is not typed into a bare shell");

        await runtime.InputGate.WaitAsync(cancellationToken);
        try
        {
            runtime.Monitor.NotifyInputSent();
            runtime.Tail.ClearBuffer();
            var options = new TerminalInputOptions(runtime.Provider.PasteEnterCount, runtime.Provider.PasteSubmitDelay);
            await input.SendTextAsync(runtime.Target, message, options, cancellationToken);
        }
        finally
        {
            runtime.InputGate.Release();
        }
        terminals.Touch(record.Id);

        foreach (var origin in origins)
        {
            events.Publish(new PostSendMessageEvent
            {
                SessionId = record.SessionName,
                Sender = origin.SenderId,
                Receiver = record.Id,
                Message = origin.Message,
                OrchestrationType = origin.OrchestrationType,
            });
        }
    }

    public async Task SendKeyAsync(string terminalId, string key, CancellationToken cancellationToken)
    {
        if (!SpecialKeys.IsAllowed(key))
            throw ApiException.BadRequest($"Key '{key}' is not allowed: use an arrow, Enter, Tab, Escape, Space, a single letter or digit, or C-x / M-x / S-x");
        var record = Require(terminalId);
        var runtime = RuntimeOf(record);
        runtime.Monitor.NotifyInputSent();
        await tmux.SendKeyAsync(runtime.Target, key, cancellationToken);
        terminals.Touch(record.Id);
    }

    /// <summary>Sends the provider's exit command (a key such as <c>C-d</c>, or text such as <c>/exit</c>).</summary>
    public async Task ExitAsync(string terminalId, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        var exit = RuntimeOf(record).Provider.ExitCommand;
        if (exit.StartsWith("C-", StringComparison.Ordinal) || exit.StartsWith("M-", StringComparison.Ordinal))
            await SendKeyAsync(terminalId, exit, cancellationToken);
        else
            await SendInputAsync(terminalId, exit, null, null, cancellationToken);
    }
}
