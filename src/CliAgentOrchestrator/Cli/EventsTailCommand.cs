using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Client;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao events tail [--type …] [--json]</c>: prints the server's events as they happen (<c>GET /events</c>),
/// one line each: a readable summary, or with <c>--json</c> the event's JSON (one object per line, for jq).
/// Runs until Ctrl+C or until the server stops.
/// </summary>
public static class EventsTailCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Option<string[]>("--type", "-t")
        {
            Description = "Only these event types (repeat or comma-separate), e.g. post_terminal_status_change",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print each event as one line of JSON" };
        var command = new Command("tail", "Print events live as agents work (Ctrl+C to stop)") { type, json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var types = parse.GetValue(type) ?? [];
            var path = CaoApiClient.Query("/events", ("type", types.Length == 0 ? null : string.Join(',', types)));
            using var http = new HttpClient { BaseAddress = context.ServerUrl, Timeout = Timeout.InfiniteTimeSpan };
            using var response = await ConnectAsync(http, path, context, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            var asJson = parse.GetValue(json);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    continue; // ids, event names, heartbeats
                var data = line["data: ".Length..];
                await console.Out.WriteLineAsync(asJson ? data : EventSummary.Of(data));
                await console.Out.FlushAsync(cancellationToken);
            }
            throw new CliUserException($"cao-server at {context.ServerUrl} closed the event stream (it stopped)");
        });
        return command;
    }

    private static async Task<HttpResponseMessage> ConnectAsync(HttpClient http, string path, CliContext context, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(context.RequestTimeout);
            response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, connecting.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new CaoApiException($"Failed to connect to cao-server at {context.ServerUrl}: {ex.Message}. Is it running? Start it with `cao server`.", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CaoApiException($"cao-server at {context.ServerUrl} did not answer GET /events within {context.RequestTimeout.TotalSeconds:0}s", null, ex);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var detail = TryDetail(text) ?? text;
            throw new CaoApiException($"{(int)response.StatusCode}: {detail}", (int)response.StatusCode);
        }
    }

    private static string? TryDetail(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["detail"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
