using System.Collections.Concurrent;

namespace Cao.AskHuman;

/// <summary>The questions waiting for an answer, by id; whoever answers first (the webhook's reply or a POST to the answer URL) wins.</summary>
internal sealed class AnswerBox
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _waiting = new(StringComparer.Ordinal);

    public (string Id, Task<string> Answer) Open()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        return (id, answer.Task);
    }

    /// <summary>False when nobody waits for <paramref name="id"/> (unknown, answered, or given up on).</summary>
    public bool Answer(string id, string text) => _waiting.TryRemove(id, out var waiting) && waiting.TrySetResult(text);

    public void Close(string id) => _waiting.TryRemove(id, out _);

    /// <summary>Ends every wait, at teardown.</summary>
    public void CancelAll()
    {
        foreach (var id in _waiting.Keys)
            if (_waiting.TryRemove(id, out var waiting))
                waiting.TrySetCanceled();
    }
}
