using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CliAgentOrchestrator.EndToEnd.Tests.Support;

/// <summary>
/// The agents' HTTP(S) proxy in tests: it refuses every request (403) and records where it was going,
/// so a CLI that honours HTTPS_PROXY cannot reach the internet (update checks, telemetry, model lists)
/// and a test can see that it tried. Loopback stays direct through NO_PROXY.
/// </summary>
public sealed class BlackHoleProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _attempts = new();
    private readonly Task _loop;

    public BlackHoleProxy()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    /// <summary>The proxy URL for HTTP_PROXY/HTTPS_PROXY.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The request lines refused so far, e.g. <c>CONNECT statsig.anthropic.com:443 HTTP/1.1</c>.</summary>
    public IReadOnlyList<string> Attempts => [.. _attempts];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = RefuseAsync(client);
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                if (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } requestLine)
                    _attempts.Enqueue(requestLine);
                var refusal = Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(refusal, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // the client gave up first: nothing to record beyond what was read
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
