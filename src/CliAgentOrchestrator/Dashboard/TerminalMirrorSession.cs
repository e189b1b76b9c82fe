using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Dashboard;

/// <summary>
/// One browser attached to one terminal. The pane's visible screen is captured a few times a second
/// and sent as a whole frame when it changed (capture polling: it needs no per-pane tmux state, so any
/// number of viewers and the server's own output pipe coexist, and a viewer that joins late sees the
/// screen at once rather than a byte stream missing its start). Keys from the browser reach the pane
/// only after the user sent <c>{"type":"control","on":true}</c> on this socket; before that they are
/// refused, so a view is read-only unless someone explicitly takes control.
/// </summary>
public sealed class TerminalMirrorSession(WebSocket socket, string terminalId, TerminalService terminals, ILogger logger)
{
    /// <summary>How often the screen is read while someone watches.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // Keys arrive as text from xterm.js; far more than a paste of a screenful is not typing.
    private const int MaxKeysBytes = 64 * 1024;

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private volatile bool _control;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var receiving = ReceiveAsync(ended.Token);
        var mirroring = MirrorAsync(ended.Token);
        await Task.WhenAny(receiving, mirroring);
        await ended.CancelAsync();
        try
        {
            await Task.WhenAll(receiving, mirroring);
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException ex)
        {
            logger.LogDebug("Attach socket for {TerminalId} ended: {Reason}", terminalId, ex.Message);
        }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", closing.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task MirrorAsync(CancellationToken cancellationToken)
    {
        string? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            PaneScreen screen;
            try
            {
                screen = await terminals.CaptureScreenAsync(terminalId, cancellationToken);
            }
            catch (CaoException ex)
            {
                // Deleted, or its window is gone: say so and end the view.
                await SendAsync(new { type = "closed", message = ex.Message }, cancellationToken);
                return;
            }
            var frame = ScreenFrame.From(screen);
            if (frame != last)
            {
                last = frame;
                await SendAsync(new { type = "screen", cols = screen.Columns, rows = screen.Rows, data = frame }, cancellationToken);
            }
            // Poll again after the interval, or at once after keys were typed.
            await _changed.WaitAsync(PollInterval, cancellationToken);
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return;
            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxKeysBytes)
            {
                await SendAsync(new { type = "error", message = $"A message over {MaxKeysBytes} bytes is not typing; it was dropped" }, cancellationToken);
                return;
            }
            if (!result.EndOfMessage)
                continue;
            var bytes = message.ToArray();
            message.SetLength(0);
            if (result.MessageType == WebSocketMessageType.Text)
                await HandleAsync(bytes, cancellationToken);
        }
    }

    private async Task HandleAsync(byte[] json, CancellationToken cancellationToken)
    {
        ClientMessage? request;
        try
        {
            request = JsonSerializer.Deserialize<ClientMessage>(json);
        }
        catch (JsonException)
        {
            request = null;
        }
        switch (request)
        {
            case { Type: "control" }:
                _control = request.On == true;
                await SendAsync(new { type = "control", on = _control }, cancellationToken);
                break;
            case { Type: "keys", Data: { Length: > 0 } data } when _control:
                try
                {
                    await terminals.SendRawKeysAsync(terminalId, Encoding.UTF8.GetBytes(data), cancellationToken);
                    if (_changed.CurrentCount == 0)
                        _changed.Release();
                }
                catch (CaoException ex)
                {
                    await SendAsync(new { type = "error", message = ex.Message }, cancellationToken);
                }
                break;
            case { Type: "keys" }:
                await SendAsync(new { type = "error", message = "Read-only view: take control first" }, cancellationToken);
                break;
            default:
                await SendAsync(new { type = "error", message = "Unknown message: send {\"type\":\"control\",\"on\":true} or {\"type\":\"keys\",\"data\":\"...\"}" }, cancellationToken);
                break;
        }
    }

    private async Task SendAsync(object payload, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private sealed record ClientMessage(
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("on")] bool? On,
        [property: JsonPropertyName("data")] string? Data);
}
