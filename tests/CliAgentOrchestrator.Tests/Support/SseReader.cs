using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>Reads a Server-Sent Events response line by line: events (id, type, JSON data) and comment lines.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    /// <summary>Comment lines seen so far (heartbeats, notices), without the leading ':'.</summary>
    public List<string> Comments { get; } = [];

    /// <summary>The next event, or fails after <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? id = null, type = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the server closed the event stream");
            if (line.Length == 0)
            {
                if (data.Count > 0)
                    return new SseEvent(id, type, JsonNode.Parse(string.Join("\n", data))!.AsObject(), string.Join("\n", data));
                continue;
            }
            if (line.StartsWith(':'))
                Comments.Add(line[1..].Trim());
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data.Add(line[6..]);
        }
    }

    /// <summary>Reads until a comment containing <paramref name="text"/> arrives (events in between are skipped).</summary>
    public async Task WaitForCommentAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!Comments.Any(c => c.Contains(text, StringComparison.Ordinal)))
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the server closed the event stream");
            if (line.StartsWith(':'))
                Comments.Add(line[1..].Trim());
        }
    }

    public void Dispose() => _reader.Dispose();
}

public sealed record SseEvent(string? Id, string? Type, JsonObject Data, string Raw);
