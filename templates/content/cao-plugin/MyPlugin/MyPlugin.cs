using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace Cao.MyPlugin;

/// <summary>
/// Writes one line per CAO event to the server log and, when the <c>log_file</c> setting is set,
/// to that file. Replace the bodies of the hooks with your integration.
/// </summary>
/// <remarks>
/// Settings come from <c>plugins.my_plugin</c> in <c>$CAO_HOME_DIR/settings.json</c> or from
/// <c>CAO_PLUGIN_MY_PLUGIN_&lt;KEY&gt;</c> environment variables; see env.template.
/// </remarks>
public sealed class MyPlugin : CaoPlugin
{
    // Opened in SetupAsync; stays null when setup failed before opening it, so teardown checks.
    private StreamWriter? _file;
    private string _prefix = "cao";
    private string? _blockWord;

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        if (Context.Settings.TryGetValue("prefix", out var prefix) && prefix.Length > 0)
            _prefix = prefix;
        if (Context.Settings.TryGetValue("block_word", out var blockWord) && blockWord.Length > 0)
            _blockWord = blockWord;
        if (Context.Settings.TryGetValue("log_file", out var path) && path.Length > 0)
            _file = new StreamWriter(path, append: true) { AutoFlush = true };
        Context.Logger.LogInformation("{Plugin} ready (log_file: {File})", Context.PluginName, path ?? "none");
        return Task.CompletedTask;
    }

    public override async Task TeardownAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
            await _file.DisposeAsync();
        _file = null;
    }

    [Hook(EventTypes.PostSendMessage)]
    public Task OnSendMessageAsync(PostSendMessageEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"{e.Sender} -> {e.Receiver} ({e.OrchestrationType}): {e.Message}", cancellationToken);

    [Hook(EventTypes.PostCreateSession)]
    public Task OnCreateSessionAsync(PostCreateSessionEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"session {e.SessionName} created", cancellationToken);

    [Hook(EventTypes.PostKillSession)]
    public Task OnKillSessionAsync(PostKillSessionEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"session {e.SessionName} killed", cancellationToken);

    [Hook(EventTypes.PostCreateTerminal)]
    public Task OnCreateTerminalAsync(PostCreateTerminalEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"terminal {e.TerminalId} created ({e.Provider}, agent {e.AgentName ?? "none"})", cancellationToken);

    [Hook(EventTypes.PostKillTerminal)]
    public Task OnKillTerminalAsync(PostKillTerminalEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"terminal {e.TerminalId} killed", cancellationToken);

    [Hook(EventTypes.PostSendMessageDenied)]
    public Task OnSendMessageDeniedAsync(PostSendMessageDeniedEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"{e.Sender} -> {e.Receiver} refused by {e.DeniedBy}: {e.Reason}", cancellationToken);

    // The alert most plugins exist for: an agent finished (completed), failed (error) or waits for an
    // answer (waiting_user_answer). Fired once per change, with the status the API reports.
    [Hook(EventTypes.PostTerminalStatusChange)]
    public Task OnTerminalStatusChangeAsync(PostTerminalStatusChangeEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"terminal {e.TerminalId} ({e.AgentName ?? "none"}) {e.PreviousStatus} -> {e.Status}", cancellationToken);

    [Hook(EventTypes.PostQueueMessage)]
    public Task OnQueueMessageAsync(PostQueueMessageEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"message {e.MessageId} queued {e.Sender} -> {e.Receiver}", cancellationToken);

    [Hook(EventTypes.PostFailMessage)]
    public Task OnFailMessageAsync(PostFailMessageEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"message {e.MessageId} to {e.Receiver} failed: {e.Reason}", cancellationToken);

    // Pre-hooks run before the operation and decide: Allow, Deny(reason, code) or (messages only)
    // ReplaceMessage(text). CAO waits for them (2 s by default), so keep them fast. This one refuses
    // messages containing the `block_word` setting and allows everything when it is not set.
    [PreHook(EventTypes.PreSendMessage, Order = 0, TimeoutMilliseconds = 2000, FailClosed = false)]
    public ValueTask<HookDecision> CheckMessageAsync(PreSendMessageEvent e, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_blockWord is not null && e.Message.Contains(_blockWord, StringComparison.OrdinalIgnoreCase)
            ? HookDecision.Deny($"messages mentioning '{_blockWord}' are blocked", "blocked_word")
            : HookDecision.Allow);

    [PreHook(EventTypes.PreCreateTerminal)]
    public ValueTask<HookDecision> CheckTerminalAsync(PreCreateTerminalEvent e, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HookDecision.Allow); // e.g. Deny when e.AgentProfile is not on an allow-list

    // A tool every agent gets (as my_plugin_note): CAO runs it here, in the server, with the calling
    // terminal in the context. The arguments record is the tool's JSON schema; what it returns is what
    // the agent reads; an exception reaches the agent as a tool error. See docs/plugins.md, "Tools for agents".
    [CaoTool("note", Description = "Write a note into the operator's log, e.g. a decision worth keeping")]
    public async Task<string> NoteAsync(NoteArguments args, CaoToolContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(args.Text))
            throw new ArgumentException("text is empty; say what to note");
        // Tool calls may run beside hooks (one per agent that calls), so they share nothing unguarded.
        Context.Logger.LogInformation("[{Prefix}] note from {Terminal}: {Text}", _prefix, context.TerminalId ?? "nobody", args.Text);
        await Task.CompletedTask;
        return $"noted ({args.Text.Length} characters)";
    }

    // CAO calls one plugin's hooks one at a time, so the writer needs no lock.
    private async Task WriteAsync(string line, CancellationToken cancellationToken)
    {
        Context.Logger.LogInformation("[{Prefix}] {Line}", _prefix, line);
        if (_file is not null)
            await _file.WriteLineAsync($"[{_prefix}] {line}".AsMemory(), cancellationToken);
    }
}
