using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Tests.Tmux;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Terminals;

public sealed class TerminalInputSenderTests : IAsyncLifetime
{
    private static readonly TerminalInputOptions OneEnter = new(1, TimeSpan.FromMilliseconds(50)) { EnterInterval = TimeSpan.FromMilliseconds(50) };

    private readonly TmuxTestServer _server = new();
    private readonly TerminalInputSender _sender;

    public TerminalInputSenderTests() => _sender = new TerminalInputSender(_server.Client);

    private TmuxClient Tmux => _server.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task IntoAPlainShellTextIsPastedRawSoEachLineRuns()
    {
        var target = await _server.StartBashAsync();

        await _sender.SendTextAsync(target, "echo first-$((1+1))\necho second-$((2+2))", OneEnter);

        var screen = await Eventually.ScreenContainsAsync(Tmux, target, "second-4");
        Assert.Contains("\nfirst-2\n", screen);
        Assert.DoesNotContain("200~", screen);
    }

    [Fact]
    public async Task IntoAnApplicationTextIsBracketedSoMultipleLinesAreOneInput()
    {
        var output = Path.Combine(_server.TempDirectory, "received.txt");
        // cat -v makes the bracket markers visible as ^[[200~ ... ^[[201~.
        var target = await _server.StartCommandAsync("exec cat -v > " + ShellQuote.Single(output));
        await Eventually.TrueAsync(async () => await Tmux.GetPaneCurrentCommandAsync(target) == "cat", "cat in the foreground");

        await _sender.SendTextAsync(target, "line one\nline two", OneEnter);

        await Eventually.TrueAsync(() => File.ReadAllText(output).Contains("201~"), "the paste to reach cat");
        Assert.Equal("^[[200~line one\nline two^[[201~\n", File.ReadAllText(output));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task EnterIsPressedTheRequestedNumberOfTimes(int enterCount)
    {
        var output = Path.Combine(_server.TempDirectory, "received.txt");
        var target = await _server.StartCommandAsync("exec cat > " + ShellQuote.Single(output));
        await Eventually.TrueAsync(async () => await Tmux.GetPaneCurrentCommandAsync(target) == "cat", "cat in the foreground");

        await _sender.SendTextAsync(target, "hello", OneEnter with { EnterCount = enterCount });
        // A marker line typed afterwards proves every earlier Enter has been processed.
        await _sender.SendTextAsync(target, "END", OneEnter);

        await Eventually.TrueAsync(() => File.ReadAllText(output).Contains("END"), "the marker to reach cat");
        var expected = enterCount == 0 ? "\e[200~hello\e[201~\e[200~END\e[201~\n" : "\e[200~hello\e[201~" + new string('\n', enterCount) + "\e[200~END\e[201~\n";
        Assert.Equal(expected, File.ReadAllText(output));
    }

    [Fact]
    public async Task ThePasteBufferIsDeletedAfterSending()
    {
        var target = await _server.StartBashAsync();

        await _sender.SendTextAsync(target, "echo done", OneEnter);

        await Eventually.ScreenContainsAsync(Tmux, target, "\ndone\n");
        Assert.DoesNotContain(await Tmux.ListBuffersAsync(), b => b.StartsWith("cao_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePasteBufferIsDeletedWhenSendingIsCancelled()
    {
        var target = await _server.StartBashAsync();
        using var cancel = new CancellationTokenSource();
        var slowSubmit = new TerminalInputOptions(1, TimeSpan.FromMinutes(5));

        var sending = _sender.SendTextAsync(target, "echo never-submitted", slowSubmit, cancel.Token);
        // The text is on screen once the paste happened; the send now waits for its submit delay.
        await Eventually.ScreenContainsAsync(Tmux, target, "echo never-submitted");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.DoesNotContain(await Tmux.ListBuffersAsync(), b => b.StartsWith("cao_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendingToAMissingWindowFailsWithTmuxsReason()
    {
        var target = await _server.StartBashAsync();

        var error = await Assert.ThrowsAsync<TmuxCommandException>(() =>
            _sender.SendTextAsync(new TmuxTarget(target.Session, "nope-0000"), "x", OneEnter));

        Assert.Contains("can't find window", error.Stderr);
    }

    [Fact]
    public async Task SpecialKeysArePressedWithoutEnter()
    {
        var output = Path.Combine(_server.TempDirectory, "keys.txt");
        var target = await _server.StartCommandAsync("exec cat -v > " + ShellQuote.Single(output));
        await Eventually.TrueAsync(async () => await Tmux.GetPaneCurrentCommandAsync(target) == "cat", "cat in the foreground");

        foreach (var key in new[] { "h", "i", "Space", "Tab", "Escape", "Up", "7", "Enter" })
            await _sender.SendSpecialKeyAsync(target, key);

        await Eventually.TrueAsync(() => File.ReadAllText(output).EndsWith('\n'), "the line to reach cat");
        Assert.Equal("hi \t^[^[[A7\n", File.ReadAllText(output));
    }

    [Fact]
    public async Task ControlKeysReachTheApplication()
    {
        var target = await _server.StartBashAsync();
        await _sender.SendTextAsync(target, "sleep 300", OneEnter);
        await Eventually.TrueAsync(async () => await Tmux.GetPaneCurrentCommandAsync(target) == "sleep", "sleep in the foreground");

        await _sender.SendSpecialKeyAsync(target, "C-c");

        await Eventually.TrueAsync(async () => await Tmux.GetPaneCurrentCommandAsync(target) == "bash", "sleep to be interrupted");
    }

    [Fact]
    public async Task KeysOutsideTheAllowListAreRefusedBeforeReachingTmux()
    {
        var target = await _server.StartBashAsync();

        var error = await Assert.ThrowsAsync<InvalidSpecialKeyException>(() => _sender.SendSpecialKeyAsync(target, "rm -rf"));

        Assert.Equal("rm -rf", error.Key);
        Assert.Equal("key", error.ParamName);
    }
}
