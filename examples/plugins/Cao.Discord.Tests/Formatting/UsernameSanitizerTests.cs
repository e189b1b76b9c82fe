using Cao.Discord.Formatting;

namespace Cao.Discord.Tests.Formatting;

public sealed class UsernameSanitizerTests
{
    [Theory]
    [InlineData("coder-a1b2", "coder-a1b2")]
    [InlineData("discord-helper", "-helper")]
    [InlineData("My DISCORD Bot", "My Bot")]
    [InlineData("Clyde", "cao")]
    [InlineData("disdiscordcord", "cao")] // removing one "discord" must not leave another
    [InlineData("a@b#c:d", "abcd")]
    [InlineData("code```block", "codeblock")]
    [InlineData("  spaced \t out\n ", "spaced out")]
    [InlineData("", "cao")]
    [InlineData("   ", "cao")]
    [InlineData("@#:", "cao")]
    [InlineData("everyone", "cao")]
    [InlineData("Here", "cao")]
    public void CleansNamesToDiscordsRules(string name, string expected) =>
        Assert.Equal(expected, UsernameSanitizer.Clean(name));

    [Fact]
    public void LongNamesAreCutToEightyCharactersWithoutSplittingAnEmoji()
    {
        var name = new string('a', 79) + "😀" + "tail";

        var cleaned = UsernameSanitizer.Clean(name);

        Assert.Equal(new string('a', 79), cleaned);
    }

    [Fact]
    public void NoCleanedNameBreaksARule()
    {
        var awkward = new[] { "DiScOrD", "clydeclyde", "@everyone", "x".PadRight(200, 'y'), "```", "a:b", "dis\ncord" };
        foreach (var name in awkward)
        {
            var cleaned = UsernameSanitizer.Clean(name);
            Assert.InRange(cleaned.Length, 1, 80);
            Assert.DoesNotContain("discord", cleaned, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("clyde", cleaned, StringComparison.OrdinalIgnoreCase);
            Assert.True(cleaned.IndexOfAny(['@', '#', ':']) < 0 && !cleaned.Contains("```"), cleaned);
        }
    }
}
