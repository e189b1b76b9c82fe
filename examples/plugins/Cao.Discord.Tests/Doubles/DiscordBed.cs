using CliAgentOrchestrator.Plugins;

namespace Cao.Discord.Tests.Doubles;

/// <summary>
/// Everything a plugin under test touches, faked: the webhook, the log, CAO's terminals, the clock,
/// the environment (by default holding only the webhook URL) and an empty <c>.env</c> folder.
/// </summary>
public sealed class DiscordBed : IDisposable
{
    public WebhookDouble Webhook { get; } = new();

    public CapturingLogger Log { get; } = new();

    public FakeCaoState State { get; } = new FakeCaoState().With("abc12345", "coder-a1b2");

    public InstantTimeProvider Time { get; } = new();

    public TempDirectory Directory { get; } = new();

    public Dictionary<string, string> Environment { get; } = new() { ["CAO_DISCORD_WEBHOOK_URL"] = WebhookDouble.Url };

    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public DiscordPlugin Plugin() => new()
    {
        Context = new PluginContext { PluginName = "discord", Settings = Settings, State = State, Logger = Log },
        HttpHandler = Webhook.Handler,
        Time = Time,
        Environment = name => Environment.GetValueOrDefault(name),
        DotEnvDirectory = Directory.Path,
    };

    public async Task<DiscordPlugin> StartedPluginAsync()
    {
        var plugin = Plugin();
        await plugin.SetupAsync(CancellationToken.None);
        return plugin;
    }

    public static PostSendMessageEvent Message(string text, string sender = "abc12345") => new()
    {
        Sender = sender,
        Receiver = "def67890",
        Message = text,
        OrchestrationType = OrchestrationTypes.SendMessage,
    };

    public void Dispose()
    {
        Webhook.Dispose();
        Directory.Dispose();
    }
}
