using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class AnsiTextTests
{
    [Fact]
    public void ColoursAndModesDisappear()
    {
        Assert.Equal("[developer]> ", AnsiText.Strip("\u001b[36m[developer]\u001b[35m>\u001b[39m \u001b[?25h\u001b[?2004l"));
    }

    [Fact]
    public void WindowTitlesEndedByBellOrStringTerminatorDisappear()
    {
        Assert.Equal("ab", AnsiText.Strip("a\u001b]0;✳ Claude Code\u0007b"));
        Assert.Equal("ab", AnsiText.Strip("a\u001b]8;;http://x\u001b\\b"));
    }

    [Fact]
    public void CursorMovesBetweenWordsBecomeSpaces()
    {
        // "Create a Python" as Claude Code draws it: column jumps instead of spaces.
        Assert.Equal("Create a Python", AnsiText.Strip("Create\u001b[8Ga\u001b[10GPython"));
        Assert.Equal("    return", AnsiText.Strip("\u001b[4Creturn"));
    }

    [Fact]
    public void CarriageReturnsEndLinesAndOtherControlsAreDropped()
    {
        Assert.Equal(["one", "two", "three"], AnsiText.Lines("one\r\ntwo\rthree\u0008"));
    }

    [Fact]
    public void LinesLoseTrailingSpacesAndNoBreakSpaces()
    {
        Assert.Equal(["❯", "x"], AnsiText.Lines("❯\u00a0 \nx  "));
    }

    [Fact]
    public void PlainTextIsUnchanged()
    {
        const string text = "café\tnaïve 日本語 🚀\nnext";
        Assert.Equal(text, AnsiText.Strip(text));
    }
}
