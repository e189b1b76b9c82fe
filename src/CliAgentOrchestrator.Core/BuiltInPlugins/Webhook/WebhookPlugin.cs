using CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;

[assembly: CaoPlugin("webhook", typeof(WebhookPlugin))]

namespace CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;

/// <summary>
/// The built-in webhook sink: posts events to HTTP receivers as signed CloudEvents (see
/// <see cref="WebhookEnvelope"/>, <see cref="WebhookSignature"/>). Off until <c>plugins.webhook</c>
/// is configured. The hook only queues: each receiver sends from its own queue, in order.
/// </summary>
[OptInPlugin]
public sealed class WebhookPlugin : CaoPlugin
{
    private readonly CancellationTokenSource _stopping = new();
    private HttpClient? _http;
    private IReadOnlyList<WebhookEndpoint> _endpoints = [];

    /// <summary>Per receiver: url, delivered, failed, dropped, disabled (for tests and diagnostics).</summary>
    internal IReadOnlyList<WebhookEndpoint> Endpoints => _endpoints;

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        var settings = WebhookSettings.From(Context.Settings); // a bad value fails the plugin with its message
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("cao-webhook/" + (typeof(WebhookPlugin).Assembly.GetName().Version?.ToString(3) ?? "1"));
        _endpoints = settings.Endpoints.Select(e => new WebhookEndpoint(e, settings, _http, Context.Logger)).ToList();
        foreach (var endpoint in _endpoints)
            endpoint.Start(_stopping.Token);
        foreach (var unsigned in settings.Endpoints.Where(e => e.Key is null))
            Context.Logger.LogWarning("Webhook {Url} has no secret: its posts are not signed, so the receiver cannot tell them from forgeries", unsigned.Url);
        Context.Logger.LogInformation("Webhook sink posting to {Count} receivers: {Urls}", _endpoints.Count, string.Join(", ", _endpoints.Select(e => e.Url)));
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostCreateSession)]
    [Hook(EventTypes.PostKillSession)]
    [Hook(EventTypes.PostCreateTerminal)]
    [Hook(EventTypes.PostKillTerminal)]
    [Hook(EventTypes.PostSendMessage)]
    [Hook(EventTypes.PostSendMessageDenied)]
    [Hook(EventTypes.PostTerminalStatusChange)]
    [Hook(EventTypes.PostQueueMessage)]
    [Hook(EventTypes.PostFailMessage)]
    public ValueTask OnEventAsync(CaoEvent e)
    {
        foreach (var endpoint in _endpoints)
            endpoint.Offer(e);
        return ValueTask.CompletedTask;
    }

    // Queued events get until the teardown deadline; what is left is counted and logged per receiver.
    public override async Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_endpoints.Select(e => e.DrainAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_endpoints.Select(e => e.DrainAsync(CancellationToken.None))).ConfigureAwait(false);
            _http?.Dispose();
        }
    }
}
