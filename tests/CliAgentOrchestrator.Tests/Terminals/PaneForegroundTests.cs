using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Tmux;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>
/// <see cref="ForegroundShell.Read"/> answers from /proc what the input path used to ask tmux for:
/// each case runs a real program in a real pane and compares with tmux's own
/// <c>#{pane_current_command}</c> and with the tmux-based <see cref="ForegroundShell.IsBackAtShell"/>.
/// </summary>
public sealed class PaneForegroundTests : IAsyncLifetime
{
    private readonly TmuxTestServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task AnIdleShellIsBackAtItsShell()
    {
        var target = await _server.StartBashAsync();

        var (read, tmuxCommand, tmuxBackAtShell) = await ReadBothAsync(target);

        Assert.Equal(new PaneForeground("bash", BackAtShell: true), read);
        Assert.Equal(tmuxCommand, read!.Command);
        Assert.True(tmuxBackAtShell);
    }

    [Theory]
    [InlineData("sleep 300", "sleep")]
    [InlineData("/bin/sleep 301", "sleep")] // a path: tmux shows the file name
    [InlineData("bash -c 'sleep 302; true'", "bash")] // a script: bash, but not the pane's own shell
    [InlineData("exec -a -fake-login sleep 303", "fake-login")] // a leading '-' (a login shell's mark) is dropped
    public async Task AProgramInTheForegroundIsNamedAsTmuxNamesIt(string commandLine, string expected)
    {
        var target = await _server.StartBashAsync();
        await _server.Client.PasteAsync(target, "typed", System.Text.Encoding.UTF8.GetBytes(commandLine), PasteMode.Raw, ["Enter"]);
        await Eventually.TrueAsync(async () => (await _server.Client.GetPaneCurrentCommandAsync(target)) == expected, $"tmux to show {expected}");

        var (read, tmuxCommand, tmuxBackAtShell) = await ReadBothAsync(target);

        Assert.Equal(new PaneForeground(expected, BackAtShell: false), read);
        Assert.Equal(tmuxCommand, read!.Command);
        Assert.False(tmuxBackAtShell);
    }

    [Fact]
    public async Task NothingIsReadForAShellThatIsGone()
    {
        var target = await _server.StartBashAsync();
        var panePid = int.Parse(await _server.Client.DisplayAsync(target, "#{pane_pid}"), System.Globalization.CultureInfo.InvariantCulture);

        await _server.Client.KillWindowAsync(target);
        await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{panePid}"), "the pane's shell to exit");

        Assert.Null(ForegroundShell.Read(panePid));
    }

    private async Task<(PaneForeground? Read, string TmuxCommand, bool TmuxBackAtShell)> ReadBothAsync(TmuxTarget target)
    {
        var fields = (await _server.Client.DisplayAsync(target, "#{pane_pid}\t#{pane_current_command}")).Split('\t');
        var panePid = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
        return (ForegroundShell.Read(panePid), fields[1], ForegroundShell.IsBackAtShell(panePid, fields[1]));
    }
}
