using System.Text.Json;
using Cao.Discord.Tests.Doubles;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;

namespace Cao.Discord.Tests.Loading;

/// <summary>
/// The plugin as users get it: published (the build of this project publishes it to
/// <c>discordplugin/</c>, as <c>cao plugin install</c> does) and loaded from disk by CAO's real host.
/// </summary>
[Collection(ProcessWideCollection.Name)] // the loaded plugin reads the real environment and working directory
public sealed class PublishedPluginTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "discordplugin");

    [Fact]
    public void ThePublishedFolderHoldsThePluginAndItsDependenciesButNotTheSdk()
    {
        var files = Directory.GetFiles(Folder).Select(Path.GetFileName).ToList();

        Assert.Contains("Cao.Discord.dll", files);
        Assert.Contains("Cao.Discord.deps.json", files);
        Assert.Contains("Polly.Core.dll", files);
        Assert.Contains("DotNetEnv.dll", files);
        Assert.DoesNotContain("CliAgentOrchestrator.Plugins.dll", files); // CAO's copy must be the one used
    }

    [Fact]
    public async Task CaoLoadsThePublishedPluginAndItForwardsMessages()
    {
        await using var webhook = new LocalWebhook();
        using var home = new TempDirectory();
        using var process = new ProcessScope(home.Path);
        var settingsFile = home.Write("settings.json", JsonSerializer.Serialize(new
        {
            plugins = new { discord = new { webhook_url = webhook.Url, timeout_seconds = "5" } },
        }));
        var logs = new CapturingLoggerFactory();
        var state = new FakeCaoState().With("abc12345", "reviewer-9f3c");
        await using var host = new PluginHost(new PluginHostOptions(), logs, PluginSettings.Load(settingsFile, new Dictionary<string, string>()), state);

        await host.LoadAsync([new PluginFolder(Folder, PluginDiscovery.FindEntryAssemblies(Folder))], [], CancellationToken.None);
        host.Publish(DiscordBed.Message("@everyone review done"));
        var (path, body) = await webhook.NextAsync();
        await host.StopAsync();

        Assert.Contains("Loaded CAO plugin: discord", logs.Logger.Lines());
        Assert.Equal("/api/webhooks/42/local-secret-token", path);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("reviewer-9f3c", json.RootElement.GetProperty("username").GetString());
        Assert.Equal("@everyone review done", json.RootElement.GetProperty("content").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.DoesNotContain(logs.Logger.Lines(), l => l.Contains("local-secret-token"));
    }

    [Fact]
    public async Task WithoutAWebhookUrlCaoReportsTheFailedLoadNamingTheVariable()
    {
        using var home = new TempDirectory();
        using var process = new ProcessScope(home.Path);
        var logs = new CapturingLoggerFactory();
        await using var host = new PluginHost(new PluginHostOptions(), logs, PluginSettings.Empty);

        await host.LoadAsync([new PluginFolder(Folder, PluginDiscovery.FindEntryAssemblies(Folder))], [], CancellationToken.None);

        Assert.Contains(logs.Logger.Warnings, w => w.Contains("Failed to load plugin 'discord'") && w.Contains("CAO_DISCORD_WEBHOOK_URL"));
    }
}
