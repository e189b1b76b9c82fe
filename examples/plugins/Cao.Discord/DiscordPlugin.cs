using Cao.Discord.Configuration;
using Cao.Discord.Formatting;
using Cao.Discord.Webhooks;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace Cao.Discord;

/// <summary>
/// Forwards every inter-agent message (<c>post_send_message</c>) to a Discord channel through a
/// webhook, posting as the sending agent's window name, so a CAO workflow reads as a group chat.
/// Configuration: <c>CAO_DISCORD_WEBHOOK_URL</c> (required) and <c>CAO_DISCORD_TIMEOUT_SECONDS</c>
/// from the environment or a <c>.env</c> file, or <c>webhook_url</c>/<c>timeout_seconds</c> from
/// CAO's plugin settings; see README.md.
/// </summary>
public sealed partial class DiscordPlugin : CaoPlugin
{
    private HttpClient? _http;
    private WebhookSender? _sender;

    /// <summary>Creates the plugin; CAO calls this, then <see cref="SetupAsync"/>.</summary>
    public DiscordPlugin()
    {
    }

    /// <summary>The configuration resolved by setup; null before it succeeded.</summary>
    internal DiscordOptions? Options { get; private set; }

    /// <summary>The timeout of the HTTP client setup created; null before it succeeded.</summary>
    internal TimeSpan? HttpTimeout => _http?.Timeout;

    /// <inheritdoc />
    /// <exception cref="DiscordConfigurationException">The webhook URL is missing or malformed, or the timeout is not a number.</exception>
    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        var dotEnv = DotEnvFile.Read(DotEnvDirectory ?? Directory.GetCurrentDirectory());
        var options = new DiscordOptionsLoader(Environment, dotEnv, Context.Settings).Load();

        // The handler is owned by the test that injected it; a real one belongs to this client.
        // The client lives as long as the server: recycle connections so DNS changes are seen.
        _http = HttpHandler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(HttpHandler, disposeHandler: false);
        _http.Timeout = options.Timeout;
        _sender = new WebhookSender(_http, options.WebhookUrl, Context.Logger, Time);
        Options = options;

        Context.Logger.LogInformation(
            "Discord plugin forwarding post_send_message to {Webhook} (timeout {Seconds:0.###}s)",
            WebhookUrlRedactor.Redact(options.WebhookUrl), options.Timeout.TotalSeconds);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task TeardownAsync(CancellationToken cancellationToken)
    {
        // Setup may have failed before creating anything; then there is nothing to release.
        if (_sender is not null)
            await _sender.StopAsync(cancellationToken).ConfigureAwait(false);
        _http?.Dispose();
        _sender = null;
        _http = null;
    }

    /// <summary>Queues the message for Discord under the sender's window name; returns without waiting for Discord.</summary>
    /// <param name="e">The delivered message.</param>
    /// <param name="cancellationToken">Cancels the terminal lookup.</param>
    /// <returns>A task that completes once the message is queued.</returns>
    [Hook(EventTypes.PostSendMessage)]
    public async Task OnPostSendMessageAsync(PostSendMessageEvent e, CancellationToken cancellationToken)
    {
        if (_sender is null)
            return; // not set up (or torn down): CAO never calls us then, a test might

        var name = await ResolveDisplayNameAsync(e.Sender, cancellationToken).ConfigureAwait(false);
        if (!_sender.Enqueue(new WebhookMessage(UsernameSanitizer.Clean(name), e.Message)))
            Context.Logger.LogDebug("Discord plugin is stopping; message from {Sender} not forwarded", e.Sender);
    }

    // The window name ("coder-a1b2") reads better than the terminal id; the id is the fallback
    // when the terminal is gone or has no window name.
    private async Task<string> ResolveDisplayNameAsync(string terminalId, CancellationToken cancellationToken)
    {
        try
        {
            var terminal = await Context.State.GetTerminalAsync(terminalId, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(terminal?.WindowName) ? terminalId : terminal.WindowName;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Context.Logger.LogDebug("Terminal lookup for {Terminal} failed ({Error}); using its id", terminalId, ex.GetType().Name);
            return terminalId;
        }
    }
}
