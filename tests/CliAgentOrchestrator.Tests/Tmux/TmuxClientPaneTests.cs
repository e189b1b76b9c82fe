using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Tmux;

public sealed class TmuxClientPaneTests : IAsyncLifetime
{
    private readonly TmuxTestServer _server = new();
    private TmuxClient Tmux => _server.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task CaptureKeepsColourEscapesOnlyWhenAsked()
    {
        var target = await _server.StartBashAsync();
        await RunAsync(target, "printf '\\033[31mRED\\033[0m done\\n'");
        await Eventually.ScreenContainsAsync(Tmux, target, "RED done");

        var plain = await Tmux.CapturePaneAsync(target, CaptureRange.Visible);
        var coloured = await Tmux.CapturePaneAsync(target, CaptureRange.Visible, withEscapes: true);

        Assert.DoesNotContain("\e[", plain);
        Assert.Contains("\e[31mRED", coloured);
    }

    [Fact]
    public async Task CaptureReachesIntoHistoryAsFarAsAsked()
    {
        var target = await _server.StartBashAsync();
        await RunAsync(target, "for i in $(seq 1 120); do echo line-$i; done");
        await Eventually.ScreenContainsAsync(Tmux, target, "line-120");

        var visible = await Tmux.CapturePaneAsync(target, CaptureRange.Visible);
        var someHistory = await Tmux.CapturePaneAsync(target, CaptureRange.WithHistory(30));
        var full = await Tmux.CapturePaneAsync(target, CaptureRange.FullHistory);

        Assert.DoesNotContain("line-1\n", visible);
        Assert.Equal(50, visible.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(80, someHistory.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("line-1\n", full);
    }

    [Fact]
    public async Task JoinedCaptureKeepsWrappedLinesWhole()
    {
        var target = await _server.StartBashAsync();
        await RunAsync(target, "printf 'x%.0s' $(seq 1 300); echo");
        await Eventually.ScreenContainsAsync(Tmux, target, "xxxx");

        var joined = await Tmux.CapturePaneAsync(target, CaptureRange.Visible, joinWrapped: true);
        var wrapped = await Tmux.CapturePaneAsync(target, CaptureRange.Visible);

        Assert.Contains(new string('x', 300), joined);
        Assert.DoesNotContain(new string('x', 300), wrapped);
    }

    [Fact]
    public async Task PipePaneCopiesOutputUntilStopped()
    {
        var target = await _server.StartBashAsync();
        var log = Path.Combine(_server.TempDirectory, "it's a log.txt");
        Assert.False(await Tmux.IsPipeActiveAsync(target));

        await Tmux.StartPipeAsync(target, "cat >> " + ShellQuote.Single(log));
        Assert.True(await Tmux.IsPipeActiveAsync(target));
        await RunAsync(target, "echo piped-one");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("piped-one"), "pipe to write the log");

        await Tmux.StopPipeAsync(target);
        Assert.False(await Tmux.IsPipeActiveAsync(target));
        await RunAsync(target, "echo after-stop");
        await Eventually.ScreenContainsAsync(Tmux, target, "\nafter-stop\n");
        Assert.DoesNotContain("after-stop\r\n", File.ReadAllText(log));
    }

    [Fact]
    public async Task CurrentCommandNamesTheForegroundProcess()
    {
        var target = await _server.StartBashAsync();
        Assert.Equal("bash", await Tmux.GetPaneCurrentCommandAsync(target));

        await RunAsync(target, "cat");
        await Eventually.TrueAsync(async () => await Tmux.GetPaneCurrentCommandAsync(target) == "cat", "cat in the foreground");
    }

    [Fact]
    public async Task BuffersCanBeLoadedListedAndDeleted()
    {
        await _server.StartBashAsync();

        await Tmux.LoadBufferAsync("cao_test", "multi\nline 'quoted' $HOME"u8.ToArray());

        Assert.Contains("cao_test", await Tmux.ListBuffersAsync());
        Assert.True(await Tmux.HasBufferAsync("cao_test"));
        Assert.True(await Tmux.DeleteBufferAsync("cao_test"));
        Assert.False(await Tmux.DeleteBufferAsync("cao_test"));
        Assert.False(await Tmux.HasBufferAsync("cao_test"));
    }

    private async Task RunAsync(TmuxTarget target, string commandLine)
    {
        await Tmux.LoadBufferAsync("cmd", System.Text.Encoding.UTF8.GetBytes(commandLine + "\n"));
        await Tmux.PasteBufferAsync(target, "cmd", PasteMode.Raw);
    }
}
