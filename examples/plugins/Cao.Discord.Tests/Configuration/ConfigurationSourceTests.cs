using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Configuration;

/// <summary>Where the settings come from: environment, then .env, then CAO's plugin settings.</summary>
public sealed class ConfigurationSourceTests : IDisposable
{
    private const string FromDotEnv = "https://discord.example/from-dotenv";
    private const string FromEnvironment = "https://discord.example/from-env";
    private const string FromSettings = "https://discord.example/from-settings";

    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task WebhookUrlIsReadFromDotEnvInTheWorkingDirectory()
    {
        _bed.Environment.Clear();
        _bed.Directory.Write(".env", $"CAO_DISCORD_WEBHOOK_URL={FromDotEnv}\nCAO_DISCORD_TIMEOUT_SECONDS=7\n");

        var plugin = await _bed.StartedPluginAsync();

        Assert.Equal(new Uri(FromDotEnv), plugin.Options!.WebhookUrl);
        Assert.Equal(TimeSpan.FromSeconds(7), plugin.Options.Timeout);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DotEnvInAParentDirectoryIsFound()
    {
        using var tree = new TempDirectory(withEmptyDotEnv: false);
        tree.Write(".env", $"CAO_DISCORD_WEBHOOK_URL={FromDotEnv}\n");
        var child = Directory.CreateDirectory(Path.Combine(tree.Path, "work", "deeper")).FullName;
        _bed.Environment.Clear();

        var plugin = new DiscordPlugin
        {
            Context = new CliAgentOrchestrator.Plugins.PluginContext { Logger = _bed.Log, State = _bed.State },
            HttpHandler = _bed.Webhook.Handler,
            Environment = _ => null,
            DotEnvDirectory = child,
        };
        await plugin.SetupAsync(CancellationToken.None);

        Assert.Equal(new Uri(FromDotEnv), plugin.Options!.WebhookUrl);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ProcessEnvironmentWinsOverDotEnv()
    {
        _bed.Environment["CAO_DISCORD_WEBHOOK_URL"] = FromEnvironment;
        _bed.Directory.Write(".env", $"CAO_DISCORD_WEBHOOK_URL={FromDotEnv}\n");

        var plugin = await _bed.StartedPluginAsync();

        Assert.Equal(new Uri(FromEnvironment), plugin.Options!.WebhookUrl);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PluginSettingsAreUsedWhenTheEnvironmentIsSilent()
    {
        _bed.Environment.Clear();
        _bed.Settings["webhook_url"] = FromSettings;
        _bed.Settings["timeout_seconds"] = "12";

        var plugin = await _bed.StartedPluginAsync();

        Assert.Equal(new Uri(FromSettings), plugin.Options!.WebhookUrl);
        Assert.Equal(TimeSpan.FromSeconds(12), plugin.Options.Timeout);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EnvironmentAndDotEnvWinOverPluginSettings()
    {
        _bed.Environment["CAO_DISCORD_WEBHOOK_URL"] = FromEnvironment;
        _bed.Directory.Write(".env", "CAO_DISCORD_TIMEOUT_SECONDS=3\n");
        _bed.Settings["webhook_url"] = FromSettings;
        _bed.Settings["timeout_seconds"] = "12";

        var plugin = await _bed.StartedPluginAsync();

        Assert.Equal(new Uri(FromEnvironment), plugin.Options!.WebhookUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), plugin.Options.Timeout);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DotEnvDoesNotChangeTheProcessEnvironment()
    {
        const string probe = "CAO_DISCORD_TESTS_DOTENV_PROBE";
        _bed.Directory.Write(".env", $"{probe}=leaked\n");

        var plugin = await _bed.StartedPluginAsync();
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Null(System.Environment.GetEnvironmentVariable(probe));
    }
}
