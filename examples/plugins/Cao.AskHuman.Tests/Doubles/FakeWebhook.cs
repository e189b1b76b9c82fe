using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cao.AskHuman.Tests.Doubles;

/// <summary>
/// The outside world: the chat bridge the question is posted to, on a free loopback port. It records
/// every question and answers each POST with <see cref="Reply"/> (status and optional JSON body).
/// </summary>
public sealed class FakeWebhook : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeWebhook()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hooks/questions";
    public ConcurrentQueue<JsonElement> Questions { get; } = new();

    /// <summary>What each POST gets back; default 202 with no body (the answer comes later).</summary>
    public Func<JsonElement, (int Status, string? Json)> Reply { get; set; } = _ => (202, null);

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
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
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var question = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
            Questions.Enqueue(question);
            var (status, json) = Reply(question);
            context.Response.StatusCode = status;
            if (json is not null)
            {
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(json);
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
