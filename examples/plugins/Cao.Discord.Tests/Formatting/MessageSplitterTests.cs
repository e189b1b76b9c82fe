using System.Text.RegularExpressions;
using Cao.Discord.Formatting;

namespace Cao.Discord.Tests.Formatting;

public sealed class MessageSplitterTests
{
    private const int Limit = MessageSplitter.DiscordLimit;

    [Fact]
    public void AMessageWithinTheLimitIsOnePieceUnchanged()
    {
        var message = new string('x', Limit);

        Assert.Equal([message], MessageSplitter.Split(message));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void ABlankMessageHasNoPieces(string message) => Assert.Empty(MessageSplitter.Split(message));

    [Fact]
    public void PiecesBreakBetweenLines()
    {
        var lines = Enumerable.Range(0, 400).Select(i => $"{i:0000} " + new string('a', i % 50)).ToList();
        var message = string.Join('\n', lines);

        var pieces = MessageSplitter.Split(message);

        Assert.True(pieces.Count >= 2);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, Limit));
        Assert.All(pieces, p => Assert.All(p.Split('\n'), line => Assert.Contains(line, lines))); // no line was cut
        Assert.Equal(message, string.Join('\n', pieces));
    }

    [Fact]
    public void ACodeBlockCutInTwoIsClosedAndReopenedWithItsLanguage()
    {
        var code = Enumerable.Range(0, 150).Select(i => $"    Console.WriteLine(\"step {i}\");");
        var message = "Here is the fix:\n```csharp\n" + string.Join('\n', code) + "\n```\nDone.";

        var pieces = MessageSplitter.Split(message);

        Assert.True(pieces.Count >= 2);
        Assert.All(pieces, p => Assert.True(p.Length <= Limit, $"{p.Length} characters"));
        Assert.All(pieces, p => Assert.True(Fences(p) % 2 == 0, $"unbalanced fences in:\n{p}"));
        Assert.All(pieces.Skip(1), p => Assert.StartsWith("```csharp\n", p));
        Assert.EndsWith("\n```", pieces[0]);
        Assert.EndsWith("```\nDone.", pieces[^1]);
        Assert.Equal(message, Rejoin(pieces));
    }

    [Fact]
    public void ALineLongerThanTheLimitIsCutPreferablyAtASpaceWithoutLosingText()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1200).Select(i => $"w{i}"));

        var pieces = MessageSplitter.Split(words);

        Assert.True(pieces.Count >= 2);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, Limit));
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith(" ", p));
        Assert.Equal(words, string.Concat(pieces));
    }

    [Fact]
    public void AnOverlongLineInsideACodeBlockKeepsEveryPieceACodeBlock()
    {
        var message = "```\n" + new string('0', 4500) + "\n```";

        var pieces = MessageSplitter.Split(message);

        Assert.Equal(3, pieces.Count);
        Assert.All(pieces, p => Assert.True(p.Length <= Limit && p.StartsWith("```\n") && p.EndsWith("\n```"), p[..10]));
        Assert.Equal(4500, pieces.Sum(p => p.Count(c => c == '0')));
    }

    [Fact]
    public void SurrogatePairsAreNeverCut()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 1500)); // 3000 UTF-16 units, no spaces

        var pieces = MessageSplitter.Split(emoji);

        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1]) || char.IsLowSurrogate(p[0])));
        Assert.Equal(emoji, string.Concat(pieces));
    }

    private static int Fences(string text) => Regex.Matches(text, "```").Count;

    // Undo what the splitter added: a closing fence at the end of a piece and the reopening line.
    private static string Rejoin(IReadOnlyList<string> pieces)
    {
        var parts = pieces.Select((p, i) =>
        {
            if (i > 0 && p.StartsWith("```csharp\n"))
                p = p["```csharp\n".Length..];
            if (i < pieces.Count - 1 && p.EndsWith("\n```"))
                p = p[..^"\n```".Length];
            return p;
        });
        return string.Join('\n', parts);
    }
}
