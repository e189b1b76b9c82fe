using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Tests.Tmux;

namespace CliAgentOrchestrator.Tests.InputSafety;

/// <summary>
/// The paste path itself refuses text that could end a bracketed paste, whoever calls it (a
/// plugin's rewrite reaches it after the API's checks), and leaves no buffer behind.
/// </summary>
public sealed class PasteEndMarkerTests : IAsyncLifetime
{
    private readonly TmuxTestServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task AnEndMarkerInsideTheTextNeverReachesTheTerminal()
    {
        var output = Path.Combine(_server.TempDirectory, "received.txt");
        var target = await _server.StartCommandAsync("exec cat -v > " + CliAgentOrchestrator.Plugins.Providers.ShellQuote.Single(output));
        await Eventually.TrueAsync(async () => await _server.Client.GetPaneCurrentCommandAsync(target) == "cat", "cat in the foreground");
        var sender = new TerminalInputSender(_server.Client);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            sender.SendTextAsync(target, "review this\u001b[201~\ntouch /tmp/x", TerminalInputOptions.Default));

        Assert.Contains("U+001B", error.Message);
        Assert.Empty(await _server.Client.ListBuffersAsync());
        Assert.False(File.Exists(output) && File.ReadAllText(output).Contains("touch", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain text", -1)]
    [InlineData("tabs\tand\nnewlines", -1)]
    [InlineData("esc\u001b", 3)]
    [InlineData("c1\u009b201~", 2)]
    public void FirstControlCharacterFindsKeysButNotLayout(string text, int expected) =>
        Assert.Equal(expected, MessageText.FirstControlCharacter(text));
}
