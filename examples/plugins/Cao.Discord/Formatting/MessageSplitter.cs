using System.Text;

namespace Cao.Discord.Formatting;

/// <summary>
/// Splits a message into pieces Discord accepts (at most 2000 characters each), breaking between
/// lines where it can. A code block cut in two is closed at the end of one piece and reopened,
/// with its language, at the start of the next, so both pieces render as code.
/// </summary>
internal sealed class MessageSplitter
{
    public const int DiscordLimit = 2000;
    private const string Fence = "```";
    private const int CloserLength = 4; // "\n```"
    private const int MaxOpenerLength = 32; // longer info strings are dropped when reopening

    private readonly int _limit;
    private readonly List<string> _chunks = [];
    private readonly StringBuilder _current = new();
    private string? _fence; // the opener of the code block open at the end of _current
    private int _prefixLength; // the reopened fence at the start of _current

    private MessageSplitter(int limit) => _limit = limit;

    /// <summary>The pieces of <paramref name="message"/>, in order; none when it is blank.</summary>
    public static IReadOnlyList<string> Split(string message, int limit = DiscordLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 64);
        if (string.IsNullOrWhiteSpace(message))
            return [];
        if (message.Length <= limit)
            return [message];

        var splitter = new MessageSplitter(limit);
        foreach (var line in message.Split('\n'))
            splitter.AddLine(line);
        splitter.Flush(reopen: false);
        return splitter._chunks;
    }

    private bool HasContent => _current.Length > _prefixLength;

    private int Separator => _current.Length > 0 ? 1 : 0;

    private void AddLine(string line)
    {
        // Too long for what is left: start a new piece, and cut the line itself when even a fresh
        // piece cannot hold it. A cut piece is flushed at once, so no newline is ever invented.
        var rest = line;
        while (!Fits(rest))
        {
            if (HasContent)
            {
                Flush(reopen: true);
                continue;
            }
            var cut = ChooseCut(rest, _limit - _current.Length - Separator - CloserLength);
            Append(rest[..cut]);
            rest = rest[cut..];
            Flush(reopen: true);
        }
        Append(rest);
    }

    private bool Fits(string text)
    {
        var closer = FenceAfter(_fence, text) is null ? 0 : CloserLength;
        return _current.Length + Separator + text.Length + closer <= _limit;
    }

    private void Append(string text)
    {
        if (_current.Length > 0)
            _current.Append('\n');
        _current.Append(text);
        _fence = FenceAfter(_fence, text);
    }

    private void Flush(bool reopen)
    {
        var chunk = _current.ToString();
        if (reopen && _fence is not null && (chunk == _fence || chunk.EndsWith("\n" + _fence, StringComparison.Ordinal)))
            chunk = chunk[..^_fence.Length].TrimEnd('\n'); // a block opened on the last line: open it in the next piece instead
        else if (_fence is not null)
            chunk += "\n" + Fence;
        if (!string.IsNullOrWhiteSpace(chunk))
            _chunks.Add(chunk);
        _current.Clear();
        _prefixLength = 0;
        if (reopen && _fence is not null)
        {
            _current.Append(_fence);
            _prefixLength = _fence.Length;
        }
    }

    // Each ``` toggles a code block; an opening one at the start of a line may carry a language.
    private static string? FenceAfter(string? fence, string text)
    {
        var index = text.IndexOf(Fence, StringComparison.Ordinal);
        while (index >= 0)
        {
            fence = fence is null ? Opener(text, index) : null;
            index = text.IndexOf(Fence, index + Fence.Length, StringComparison.Ordinal);
        }
        return fence;
    }

    private static string Opener(string text, int index)
    {
        var rest = text[index..].TrimEnd();
        var startsLine = text[..index].Trim().Length == 0;
        var plain = rest.IndexOf(Fence, Fence.Length, StringComparison.Ordinal) < 0 && !rest.Contains(' ');
        return startsLine && plain && rest.Length <= MaxOpenerLength ? rest : Fence;
    }

    // Where to cut a line that cannot fit: after the last space near the budget, but never inside
    // a surrogate pair or a ``` marker (half a marker would end a block early).
    private static int ChooseCut(string text, int budget)
    {
        var cut = Math.Min(budget, text.Length);
        var space = text.LastIndexOf(' ', cut - 1, Math.Min(cut, 200));
        if (space > 0)
            cut = space + 1;
        if (cut < text.Length && char.IsLowSurrogate(text[cut]))
            cut--;
        while (cut > 1 && cut < text.Length && text[cut] == '`' && text[cut - 1] == '`')
            cut--;
        return Math.Max(cut, 1);
    }
}
