using CliAgentOrchestrator.Tests.Mcp;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Configuration;

/// <summary>The real <c>cao</c> process refuses a bad setting at start: one line on stderr, a non-zero exit, no stack.</summary>
public sealed class ConfigurationErrorProcessTests : IDisposable
{
    private readonly TempDirectory _home = new();

    [Theory]
    [InlineData("CAO_API_PORT", "abc", "server", "error: CAO_API_PORT must be a port number (1-65535), got 'abc'.")]
    [InlineData("CAO_INBOX_BATCH_SIZE", "-1", "server", "error: CAO_INBOX_BATCH_SIZE must be a whole number greater than 0, got '-1'.")]
    [InlineData("CAO_MCP_REQUEST_TIMEOUT", "soon", "mcp-server", "error: CAO_MCP_REQUEST_TIMEOUT must be a number of seconds greater than 0, got 'soon'.")]
    public async Task ABadVariableStopsCaoWithOneLine(string variable, string value, string command, string expected)
    {
        var (exitCode, stderr) = await RunCaoAsync(new() { [variable] = value }, command);

        Assert.NotEqual(0, exitCode);
        Assert.Equal(expected, Assert.Single(stderr));
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("abc")]
    public async Task ABadPortOptionStopsTheServerWithOneLine(string port)
    {
        var (exitCode, stderr) = await RunCaoAsync([], "server", "--port", port);

        Assert.NotEqual(0, exitCode);
        Assert.Equal($"error: --port must be a port number (1-65535), got '{port}'.", Assert.Single(stderr));
    }

    private async Task<(int ExitCode, string[] Stderr)> RunCaoAsync(Dictionary<string, string> environment, params string[] args)
    {
        var (exitCode, _, stderr) = await CaoProcess.RunAsync(new Dictionary<string, string>(environment) { ["CAO_HOME_DIR"] = _home.Path }, args);
        return (exitCode, CaoProcess.Lines(stderr));
    }

    public void Dispose() => _home.Dispose();
}
