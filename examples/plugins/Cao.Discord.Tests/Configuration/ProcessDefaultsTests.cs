using Cao.Discord.Tests.Doubles;
using CliAgentOrchestrator.Plugins;

namespace Cao.Discord.Tests.Configuration;

/// <summary>What CAO gets without test seams: the real environment and the working directory.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class ProcessDefaultsTests
{
    [Fact]
    public async Task ByDefaultTheRealEnvironmentWinsOverDotEnvInTheWorkingDirectory()
    {
        using var dir = new TempDirectory(withEmptyDotEnv: false);
        dir.Write(".env", "CAO_DISCORD_WEBHOOK_URL=https://discord.example/from-dotenv\nCAO_DISCORD_TIMEOUT_SECONDS=4\n");
        using var process = new ProcessScope(dir.Path, webhookUrl: "https://discord.example/from-env");
        var plugin = new DiscordPlugin { Context = new PluginContext { Logger = new CapturingLogger() } };

        await plugin.SetupAsync(CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(new Uri("https://discord.example/from-env"), plugin.Options!.WebhookUrl);
        Assert.Equal(TimeSpan.FromSeconds(4), plugin.Options.Timeout);
    }
}
