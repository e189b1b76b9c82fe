using System.Net;
using System.Text;
using System.Text.Json;

namespace Cao.AskHuman;

/// <summary>
/// Where answers arrive: <c>POST {answer_base_url}/answers/{id}</c> with <c>{"answer": "…"}</c> (or the
/// answer as plain text), on loopback. A chat bridge (Slack, Teams, a web form) that got the question
/// from the webhook posts the human's reply here.
/// </summary>
internal sealed class AnswerListener(AnswerBox box, int port) : IDisposable
{
    private readonly HttpListener _listener = new();
    private Task? _loop;

    public void Start()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/answers/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            await AnswerAsync(context).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var id = context.Request.Url?.Segments.LastOrDefault()?.Trim('/') ?? "";
        if (context.Request.HttpMethod != "POST")
        {
            response.StatusCode = 405;
            return;
        }
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var text = Text(body);
        response.StatusCode = text is null ? 400 : box.Answer(id, text) ? 204 : 404;
    }

    // {"answer": "..."} or the plain text itself.
    private static string? Text(string body)
    {
        if (body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("answer", out var answer) && answer.ValueKind == JsonValueKind.String ? answer.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return string.IsNullOrWhiteSpace(body) ? null : body.Trim();
    }

    public void Dispose()
    {
        if (_listener.IsListening)
            _listener.Stop();
        _listener.Close();
        _loop?.Wait(TimeSpan.FromSeconds(5));
    }
}
