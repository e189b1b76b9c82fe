using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Tests.Tmux;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>pipe-pane → log → tail, against a real tmux window.</summary>
public sealed class TerminalOutputServiceTests : IAsyncLifetime
{
    private static readonly TerminalInputOptions OneEnter = new(1, TimeSpan.FromMilliseconds(50));

    private readonly TmuxTestServer _server = new();
    private readonly TerminalInputSender _sender;
    private readonly string _log;

    public TerminalOutputServiceTests()
    {
        _sender = new TerminalInputSender(_server.Client);
        _log = TerminalLogPaths.For(Path.Combine(_server.TempDirectory, "home"), "0badc0de");
    }

    private TmuxClient Tmux => _server.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public void LogsLiveUnderTheHomeDirectory()
    {
        Assert.Equal(Path.Combine("/h", "logs", "terminal", "0badc0de.log"), TerminalLogPaths.For("/h", "0badc0de"));
    }

    [Fact]
    public async Task WindowOutputReachesSubscribersThroughTheLog()
    {
        var target = await _server.StartBashAsync();
        await using var service = new TerminalOutputService(Tmux);

        var tail = await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        await _sender.SendTextAsync(target, "echo hello-$((6*7))", OneEnter);

        await Eventually.TrueAsync(() => recorder.Text.Contains("hello-42"), "the command's output in the stream");
        Assert.True(await Tmux.IsPipeActiveAsync(target));
        Assert.Contains("hello-42", File.ReadAllText(_log));
        Assert.Contains("hello-42", tail.GetBufferedText());
        Assert.Same(tail, service.GetTail("0badc0de"));
    }

    [Fact]
    public async Task EnsuringAPipeStartsItOnlyWhenNoneRuns()
    {
        var target = await _server.StartBashAsync();
        await using var service = new TerminalOutputService(Tmux);

        Assert.True(await service.EnsurePipeAsync(target, _log));
        Assert.False(await service.EnsurePipeAsync(target, _log));

        await Tmux.StopPipeAsync(target);
        Assert.True(await service.EnsurePipeAsync(target, _log));
    }

    [Fact]
    public async Task TheWatchdogRestartsALostPipeAndLeavesWorkingOnesAlone()
    {
        var target = await _server.StartBashAsync();
        await using var service = new TerminalOutputService(Tmux);
        var tail = await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        Assert.Empty(await service.EnsurePipesAsync());

        await Tmux.StopPipeAsync(target);
        Assert.Equal(["0badc0de"], await service.EnsurePipesAsync());

        await _sender.SendTextAsync(target, "echo repiped-$((40+2))", OneEnter);
        await Eventually.TrueAsync(() => tail.GetBufferedText().Contains("repiped-42"), "output through the restarted pipe");
    }

    [Fact]
    public async Task TheWatchdogRestartsOnlyTheLostPipeAmongSeveralWindows()
    {
        var first = await _server.StartBashAsync();
        var second = new TmuxTarget(first.Session, "keep-0003");
        await Tmux.NewWindowAsync(first.Session, second.Window, _server.TempDirectory, shellCommand: _server.BashCommand);
        var secondLog = TerminalLogPaths.For(Path.Combine(_server.TempDirectory, "home"), "0badc0df");
        await using var service = new TerminalOutputService(Tmux);
        await service.AttachAsync("0badc0de", first, _log, resumeFromEnd: false);
        var secondTail = await service.AttachAsync("0badc0df", second, secondLog, resumeFromEnd: false);

        await Tmux.StopPipeAsync(second);

        Assert.Equal(["0badc0df"], await service.EnsurePipesAsync());
        Assert.True(await Tmux.IsPipeActiveAsync(first));
        Assert.True(await Tmux.IsPipeActiveAsync(second));
        await _sender.SendTextAsync(second, "echo second-repiped-$((40+2))", OneEnter);
        await Eventually.TrueAsync(() => secondTail.GetBufferedText().Contains("second-repiped-42"), "the second window's output through its restarted pipe");
        Assert.Empty(await service.EnsurePipesAsync());
    }

    [Fact]
    public async Task TheWatchdogSkipsWindowsThatAreGone()
    {
        var target = await _server.StartBashAsync();
        await Tmux.NewWindowAsync(target.Session, "keep-0002", _server.TempDirectory, shellCommand: _server.BashCommand);
        await using var service = new TerminalOutputService(Tmux);
        await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        await Tmux.KillWindowAsync(target);

        Assert.Empty(await service.EnsurePipesAsync());
    }

    [Fact]
    public async Task AfterARestartTheTailResumesWhereTheStillRunningPipeWrites()
    {
        var target = await _server.StartBashAsync();
        var first = new TerminalOutputService(Tmux);
        var firstTail = await first.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        await _sender.SendTextAsync(target, "echo before-restart-$((40+2))", OneEnter);
        await Eventually.TrueAsync(() => firstTail.GetBufferedText().Contains("before-restart-42"), "output before the restart");

        // Server shutdown: tails stop, tmux's pipe keeps writing the log.
        await first.DisposeAsync();
        Assert.True(await Tmux.IsPipeActiveAsync(target));
        await _sender.SendTextAsync(target, "echo while-down-$((40+2))", OneEnter);
        await Eventually.TrueAsync(() => File.ReadAllText(_log).Contains("while-down-42"), "output written while no server ran");

        // A new server attaches a new tail to the same log.
        await using var second = new TerminalOutputService(Tmux);
        var secondTail = await second.AttachAsync("0badc0de", target, _log, resumeFromEnd: true);
        var recorder = new ChunkRecorder();
        secondTail.Subscribe(recorder.Record);
        await _sender.SendTextAsync(target, "echo after-restart-$((40+2))", OneEnter);

        await Eventually.TrueAsync(() => recorder.Text.Contains("after-restart-42"), "output after the restart");
        Assert.DoesNotContain("before-restart", recorder.Text);
        Assert.DoesNotContain("while-down", recorder.Text);
        var log = File.ReadAllText(_log);
        Assert.True(log.IndexOf("before-restart-42", StringComparison.Ordinal) < log.IndexOf("while-down-42", StringComparison.Ordinal));
        Assert.True(log.IndexOf("while-down-42", StringComparison.Ordinal) < log.IndexOf("after-restart-42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AttachingAgainReplacesTheFormerTail()
    {
        var target = await _server.StartBashAsync();
        await using var service = new TerminalOutputService(Tmux);
        var former = await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        var formerRecorder = new ChunkRecorder();
        former.Subscribe(formerRecorder.Record);

        var current = await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: true);
        var recorder = new ChunkRecorder();
        current.Subscribe(recorder.Record);
        await _sender.SendTextAsync(target, "echo once-$((40+2))", OneEnter);

        await Eventually.TrueAsync(() => recorder.Text.Contains("once-42"), "output on the current tail");
        Assert.Same(current, service.GetTail("0badc0de"));
        Assert.DoesNotContain("once", formerRecorder.Text);
    }

    [Fact]
    public async Task DetachingWithTheWindowStopsThePipe()
    {
        var target = await _server.StartBashAsync();
        await using var service = new TerminalOutputService(Tmux);
        await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);

        await service.DetachAsync("0badc0de", target);

        Assert.False(await Tmux.IsPipeActiveAsync(target));
        Assert.Null(service.GetTail("0badc0de"));
    }

    [Fact]
    public async Task DetachingAfterTheWindowIsGoneIsHarmless()
    {
        var target = await _server.StartBashAsync();
        await Tmux.NewWindowAsync(target.Session, "keep-0002", _server.TempDirectory, shellCommand: _server.BashCommand);
        await using var service = new TerminalOutputService(Tmux);
        await service.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        await Tmux.KillWindowAsync(target);

        await service.DetachAsync("0badc0de", target);

        Assert.Null(service.GetTail("0badc0de"));
    }

    [Fact]
    public async Task AttachingToAMissingWindowFailsAndLeavesNoTail()
    {
        var target = await _server.StartBashAsync();
        await using var service = new TerminalOutputService(Tmux);

        await Assert.ThrowsAsync<TmuxCommandException>(() =>
            service.AttachAsync("0badc0de", new TmuxTarget(target.Session, "gone-0000"), _log, resumeFromEnd: false));

        Assert.Null(service.GetTail("0badc0de"));
    }
}
