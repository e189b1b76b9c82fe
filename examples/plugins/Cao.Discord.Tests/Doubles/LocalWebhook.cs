using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Cao.Discord.Tests.Doubles;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 for the plugin as CAO loads it, where no handler can be
/// injected: it answers every request 204 and hands over each body.
/// </summary>
public sealed class LocalWebhook : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<(string Path, string Body)> _received = Channel.CreateUnbounded<(string, string)>();
    private readonly Task _loop;

    public LocalWebhook()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/api/webhooks/42/local-secret-token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>The next request received, waiting up to the test deadline.</summary>
    public async Task<(string Path, string Body)> NextAsync()
    {
        using var deadline = new CancellationTokenSource(Poll.Deadline);
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            using (var reader = new StreamReader(context.Request.InputStream))
                _received.Writer.TryWrite((context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync()));
            context.Response.StatusCode = (int)HttpStatusCode.NoContent;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
