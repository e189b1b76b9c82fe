using System.Net.Http.Json;
using System.Text.Json;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace Cao.AskHuman;

/// <summary>
/// Gives agents the tool <c>askhuman_ask</c>: the question is posted to a webhook (a chat bridge, a
/// ticket queue, a pager) and the agent waits, up to a timeout, for the human's answer, which comes
/// back either in the webhook's own reply (<c>{"answer": "…"}</c>) or later by a POST to the answer URL
/// the question carried. Without <c>webhook_url</c> the plugin is not configured: agents still see the
/// tool, and calling it tells them (and the operator) what is missing.
/// </summary>
public sealed class AskHumanPlugin : CaoPlugin
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly AnswerBox _box = new();
    private AskHumanOptions? _options;
    private HttpClient? _http;
    private AnswerListener? _listener;

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        _options = AskHumanOptions.From(Context.Settings);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _listener = new AnswerListener(_box, _options.AnswerPort);
        _listener.Start();
        Context.Logger.LogInformation("askhuman: questions go to {Host}; answers are taken at {Base}/answers/<id>", _options.WebhookUrl.Host, _options.AnswerBaseUrl);
        return Task.CompletedTask;
    }

    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        _box.CancelAll();
        _listener?.Dispose();
        _http?.Dispose();
        return Task.CompletedTask;
    }

    [CaoTool("ask", Description = "Ask a human a question and wait for the answer. Use it when you need a decision or information only a person has; the call blocks until they answer or the wait times out.")]
    public async Task<string> AskAsync(AskArguments args, CaoToolContext context, CancellationToken cancellationToken)
    {
        var options = _options ?? throw new InvalidOperationException("askhuman is not set up");
        if (string.IsNullOrWhiteSpace(args.Question))
            throw new ArgumentException("question is empty; ask something");
        var wait = args.TimeoutSeconds is int seconds && seconds > 0 && TimeSpan.FromSeconds(seconds) < options.Timeout ? TimeSpan.FromSeconds(seconds) : options.Timeout;
        var (id, answer) = _box.Open();
        try
        {
            using var reply = await _http!.PostAsJsonAsync(options.WebhookUrl, new
            {
                Id = id,
                Question = args.Question,
                TerminalId = context.TerminalId,
                AnswerUrl = $"{options.AnswerBaseUrl}/answers/{id}",
                ExpiresAt = DateTimeOffset.UtcNow + wait,
            }, Json, cancellationToken).ConfigureAwait(false);
            if (!reply.IsSuccessStatusCode)
                throw new InvalidOperationException($"the question could not be delivered: the webhook answered {(int)reply.StatusCode} {reply.ReasonPhrase}");
            // A receiver that can answer at once says so in its reply.
            if (await ImmediateAnswerAsync(reply, cancellationToken).ConfigureAwait(false) is { } now)
                return now;
            return await answer.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no answer within {wait.TotalSeconds:0}s; carry on without it or ask again later");
        }
        finally
        {
            _box.Close(id);
        }
    }

    private static async Task<string?> ImmediateAnswerAsync(HttpResponseMessage reply, CancellationToken cancellationToken)
    {
        if (reply.Content.Headers.ContentType?.MediaType != "application/json")
            return null;
        try
        {
            using var json = JsonDocument.Parse(await reply.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("answer", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
