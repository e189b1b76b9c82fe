using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class CaoSelfCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly TempDirectory _emptyPath = new();

    [Fact]
    public void ACaoStartedWithDotnetRestartsItselfThroughDotnetAndItsDll()
    {
        var self = CaoSelfCommand.Resolve("cao", "/usr/share/dotnet/dotnet", "/src/bin/cao.dll");

        Assert.Equal("/usr/share/dotnet/dotnet", self!.Command);
        Assert.Equal(["/src/bin/cao.dll"], self.Arguments);
    }

    [Fact]
    public void ACaoStartedThroughItsApphostRestartsTheApphost()
    {
        var self = CaoSelfCommand.Resolve("cao", "/home/u/.dotnet/tools/cao", "/home/u/.dotnet/tools/.store/x/cao.dll");

        Assert.Equal("/home/u/.dotnet/tools/cao", self!.Command);
        Assert.Empty(self.Arguments);
    }

    [Fact]
    public void AnyOtherProgramIsNotCao() =>
        Assert.Null(CaoSelfCommand.Resolve("testhost", "/usr/share/dotnet/dotnet", "/x/testhost.dll"));

    [Fact]
    public void TheBuiltInCaoCommandBecomesTheRunningCaoWhenCaoIsNotOnPath()
    {
        var self = new CaoSelfCommand("/usr/share/dotnet/dotnet", ["/src/bin/cao.dll"]);

        var server = McpServers.ForTerminal(Context(), _emptyPath.Path, self)[McpServers.CaoServerName];

        Assert.Equal("/usr/share/dotnet/dotnet", server.Command);
        Assert.Equal(["/src/bin/cao.dll", "mcp-server"], server.Args);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CaoOnPathWinsOverTheRunningCao()
    {
        var onPath = _emptyPath.Write("cao", "#!/bin/sh\n");
        File.SetUnixFileMode(onPath, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        var server = McpServers.ForTerminal(Context(), _emptyPath.Path, new CaoSelfCommand("/usr/share/dotnet/dotnet", ["/src/bin/cao.dll"]))[McpServers.CaoServerName];

        Assert.Equal(onPath, server.Command);
        Assert.Equal(["mcp-server"], server.Args);
    }

    private ProviderContext Context()
    {
        var profile = ProfileSamples.Supervisor() with
        {
            McpServers = new Dictionary<string, McpServerConfig> { [McpServers.CaoServerName] = new() { Command = "cao", Args = ["mcp-server"] } },
        };
        return new ProviderContext("0123abcd", "s", "w-0000", profile, null, _home.Path);
    }

    public void Dispose()
    {
        _home.Dispose();
        _emptyPath.Dispose();
    }
}
