using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Terminals.Input;

namespace CliAgentOrchestrator.Core.Terminals;

// Typing into a terminal. A message with a sender and an orchestration type first passes the
// plugins' pre_send_message hooks (which may refuse or rewrite it); post_send_message fires after
// the text was pasted and submitted.
public sealed partial class TerminalService
{
    /// <summary>Checks a message that will be typed later (an initial task, a handoff prompt) before anything is created for it.</summary>
    /// <exception cref="InvalidRequestException">Control characters.</exception>
    /// <exception cref="MessageTooLargeException">Over the size limit.</exception>
    public void CheckMessage(string message) => MessageText.Check(message, messages.MaxBytes);

    /// <summary>Types <paramref name="message"/>; with a sender and type it is a message: screened, then announced.</summary>
    /// <exception cref="DeniedException">A pre-hook refused the message.</exception>
    public async Task SendInputAsync(string terminalId, string message, string? senderId, string? orchestrationType, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message))
            throw new InvalidRequestException("message must not be empty");
        message = MessageText.Check(message, messages.MaxBytes);
        if (senderId is null || orchestrationType is null)
        {
            await TypeAsync(Require(terminalId), message, cancellationToken);
            return;
        }
        var result = await DeliverAsync(terminalId, [new MessageOrigin(senderId, orchestrationType, message)], cancellationToken);
        if (result.Denied.Count > 0)
            throw new DeniedException(result.Denied[0].Denial);
    }

    /// <summary>
    /// Screens each message with the pre-hooks, types the allowed ones (as rewritten) in one paste,
    /// and publishes one <c>post_send_message</c> per delivered message and one
    /// <c>post_send_message_denied</c> per refused one.
    /// </summary>
    public async Task<DeliveryResult> DeliverAsync(string terminalId, IReadOnlyList<MessageOrigin> origins, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        RefuseTasksWhileAQuestionWaits(record, origins);
        var delivered = new List<MessageOrigin>(origins.Count);
        var denied = new List<(MessageOrigin, PluginHosting.PreHooks.Denial)>();
        foreach (var origin in origins)
        {
            var (screened, denial) = await ScreenAsync(record, origin, cancellationToken);
            if (denial is not null)
                denied.Add((origin, denial));
            else
                delivered.Add(screened);
        }

        if (delivered.Count > 0)
        {
            await TypeAsync(record, string.Join("\n", delivered.Select(o => o.Message)), cancellationToken, delivered[0].OrchestrationType);
            foreach (var origin in delivered)
                Announce(record, origin);
        }
        return new DeliveryResult(delivered, denied);
    }

    /// <summary>
    /// Passes one message through the <c>pre_send_message</c> chain: the message as the hooks left
    /// it, or the denial (then <c>post_send_message_denied</c> is published). Nothing is typed.
    /// </summary>
    public async Task<(MessageOrigin Screened, PluginHosting.PreHooks.Denial? Denial)> ScreenAsync(string terminalId, MessageOrigin origin, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        RefuseTasksWhileAQuestionWaits(record, [origin]);
        return await ScreenAsync(record, origin, cancellationToken);
    }

    /// <summary>
    /// Types one screened message (one paste, then Enter) and publishes its <c>post_send_message</c>.
    /// The inbox types one message per paste, so a crash leaves at most one message in doubt.
    /// </summary>
    public async Task TypeMessageAsync(string terminalId, MessageOrigin screened, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        await TypeAsync(record, screened.Message, cancellationToken, screened.OrchestrationType);
        Announce(record, screened);
    }

    /// <summary>Publishes <c>post_send_message</c> for a message typed earlier (found typed after a crash).</summary>
    public void AnnounceDelivered(string terminalId, MessageOrigin typed) => Announce(Require(terminalId), typed);

    private async Task<(MessageOrigin Screened, PluginHosting.PreHooks.Denial? Denial)> ScreenAsync(Storage.TerminalRecord record, MessageOrigin origin, CancellationToken cancellationToken)
    {
        var screening = await preHooks.ScreenMessageAsync(new PreSendMessageEvent
        {
            SessionId = record.SessionName,
            Sender = origin.SenderId,
            Receiver = record.Id,
            Message = origin.Message,
            OrchestrationType = origin.OrchestrationType,
        }, cancellationToken);
        if (screening.Denial is not { } denial)
            return (origin with { Message = screening.Message }, null);
        events.Publish(new PostSendMessageDeniedEvent
        {
            SessionId = record.SessionName,
            Sender = origin.SenderId,
            Receiver = record.Id,
            Message = screening.Message,
            OrchestrationType = origin.OrchestrationType,
            DeniedBy = denial.Plugin,
            Reason = denial.Reason,
            Code = denial.Code,
        });
        return (origin, denial);
    }

    private void Announce(Storage.TerminalRecord record, MessageOrigin origin) =>
        events.Publish(new PostSendMessageEvent
        {
            SessionId = record.SessionName,
            Sender = origin.SenderId,
            Receiver = record.Id,
            Message = origin.Message,
            OrchestrationType = origin.OrchestrationType,
        });

    // A task pasted under a CLI's question would be taken as the answer (e.g. pick a menu option), so
    // assign and handoff wait until someone answers it; send_message goes through the inbox, which
    // delivers only to idle or completed agents.
    private void RefuseTasksWhileAQuestionWaits(Storage.TerminalRecord record, IReadOnlyList<MessageOrigin> origins)
    {
        var runtime = RuntimeOf(record);
        if (runtime.Provider.BlocksOrchestratedInputWhileWaiting
            && runtime.Monitor.Status == TerminalStatus.WaitingUserAnswer
            && origins.Any(o => o.OrchestrationType is OrchestrationTypes.Assign or OrchestrationTypes.Handoff))
            throw new ConflictException($"Terminal '{record.Id}' is waiting for an answer to a question; answer it first (cao session send or POST /terminals/{record.Id}/input without orchestration_type), then send the task again");
    }

    private async Task TypeAsync(Storage.TerminalRecord record, string text, CancellationToken cancellationToken, string? orchestrationType = null)
    {
        using var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.TerminalInput);
        span?.SetTag(CaoTelemetry.Attributes.TerminalId, record.Id);
        span?.SetTag(CaoTelemetry.Attributes.OrchestrationType, orchestrationType);
        try
        {
            await TypeUntracedAsync(record, text, cancellationToken);
        }
        catch (Exception ex)
        {
            CaoTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task TypeUntracedAsync(Storage.TerminalRecord record, string text, CancellationToken cancellationToken)
    {
        var runtime = RuntimeOf(record);
        if (runtime.Monitor.Status == TerminalStatus.Error)
            throw new ConflictException($"Terminal '{record.Id}' is in error state; input refused so it is not typed into a bare shell");
        // Checked again here, after the pre-hooks: a plugin's rewrite must not smuggle keys in either.
        MessageText.RequireNoControlCharacters(text);

        await runtime.InputGate.WaitAsync(cancellationToken);
        try
        {
            var paneCommand = await RequireCliRunningAsync(runtime, cancellationToken);
            runtime.LastOperation = CaoTelemetry.CurrentContext(); // status changes this input causes belong to its trace
            runtime.Monitor.NotifyInputSent();
            runtime.Tail.ClearBuffer();
            var options = new TerminalInputOptions(runtime.Provider.PasteEnterCount, runtime.Provider.PasteSubmitDelay) { PaneCommand = paneCommand };
            await input.SendTextAsync(runtime.Target, text, options, cancellationToken);
        }
        finally
        {
            runtime.InputGate.Release();
        }
        terminals.Touch(record.Id);
    }

    public async Task SendKeyAsync(string terminalId, string key, CancellationToken cancellationToken)
    {
        if (!SpecialKeys.IsAllowed(key))
            throw new InvalidRequestException($"Key '{key}' is not allowed: use an arrow, Enter, Tab, Escape, Space, a single letter or digit, or C-x / M-x / S-x");
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
