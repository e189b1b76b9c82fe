using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary><c>/agents/providers</c> says a CLI is installed when a new pane could run it: on the server's PATH or on the one the pane's login shell sets up.</summary>
public sealed class ProviderInstalledTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ACliThatOnlyTheLoginShellsStartUpFilesPutOnThePathCountsAsInstalled()
    {
        using var home = new TempDirectory();
        var bin = Directory.CreateDirectory(home.Combine("only-in-profile")).FullName;
        var fake = home.Write("only-in-profile/kiro-cli", "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.False(await KiroInstalledAsync(home.Path)); // the server's PATH alone lacks it

        home.Write(".bash_profile", $"export PATH=\"$PATH:{bin}\"\n");
        Assert.True(await KiroInstalledAsync(home.Path));
    }

    private static async Task<bool> KiroInstalledAsync(string home)
    {
        await using var server = new CaoServerProcess();
        server.Environment["HOME"] = home;
        server.Environment["SHELL"] = "/bin/bash";
        server.Environment["PATH"] = "/usr/bin:/bin";
        await server.StartAsync();
        var providers = JsonNode.Parse(await server.Http.GetStringAsync("/agents/providers"))!.AsArray();
        return providers.Single(p => p!["name"]!.GetValue<string>() == "kiro_cli")!["installed"]!.GetValue<bool>();
    }
}
