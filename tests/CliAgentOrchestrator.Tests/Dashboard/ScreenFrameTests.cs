using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Dashboard;

namespace CliAgentOrchestrator.Tests.Dashboard;

/// <summary>A captured screen becomes one frame the browser's terminal can write as is.</summary>
public sealed class ScreenFrameTests
{
    [Fact]
    public void RowsAreJoinedNotEndedSoTheLastRowNeverScrollsAndTheCursorGoesWhereTmuxHasIt()
    {
        var frame = ScreenFrame.From(new PaneScreen("one\n\u001b[31mtwo\u001b[0m\nthree\n", Columns: 80, Rows: 3, CursorX: 4, CursorY: 1));

        Assert.Equal("\u001b[H\u001b[2J\u001b[0mone\r\n\u001b[0m\u001b[31mtwo\u001b[0m\r\n\u001b[0mthree\u001b[0m\u001b[2;5H", frame);
    }

    [Fact]
    public void RowsBeyondThePaneHeightAreLeftOut()
    {
        var frame = ScreenFrame.From(new PaneScreen("a\nb\nc\n", Columns: 10, Rows: 2, CursorX: 0, CursorY: 0));

        Assert.DoesNotContain("c", frame.Replace("\u001b[2J", "", StringComparison.Ordinal));
    }
}
