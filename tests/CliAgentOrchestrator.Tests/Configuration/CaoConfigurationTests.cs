using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Inbox;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Mcp;
using CliAgentOrchestrator.Server;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.Configuration;

/// <summary>The one configuration path: sources, precedence, binding, and one-line errors for bad values.</summary>
public sealed class CaoConfigurationTests : IDisposable
{
    private readonly TempDirectory _home = new();

    private IConfiguration Build(Dictionary<string, string>? environment = null, Dictionary<string, string?>? commandLine = null)
    {
        environment ??= [];
        environment.TryAdd("CAO_HOME_DIR", _home.Path);
        return CaoConfiguration.Build(environment, commandLine);
    }

    [Fact]
    public void NothingSetGivesThePythonDefaults()
    {
        var configuration = Build();

        var server = ServerOptions.From(configuration);
        Assert.Equal(("127.0.0.1", 9889, LogLevel.Information), (server.Host, server.Port, server.LogLevel));
        Assert.Empty(server.AllowedHosts);
        Assert.Null(server.TmuxSocket);
        Assert.Equal(new InboxOptions(), configuration.Bind<InboxOptions>(InboxOptions.Section));
        Assert.Equal(new PluginHostOptions(), configuration.Bind<PluginHostOptions>(PluginHostOptions.Section));
        Assert.Equal(new TerminalOutputTailOptions(), configuration.Bind<TerminalOutputTailOptions>(TerminalOutputTailOptions.Section));
        Assert.Null(configuration.Bind<ProviderOptions>(ProviderOptions.Section).InitTimeout);
        Assert.Equal(new McpOptions(), configuration.Bind<McpOptions>(McpOptions.Section));
        Assert.Equal(_home.Path, CaoHome.FromConfiguration(configuration).Root);
    }

    [Fact]
    public void EveryDocumentedVariableReachesItsOption()
    {
        var configuration = Build(new()
        {
            ["CAO_API_HOST"] = " 0.0.0.0 ",
            ["CAO_API_PORT"] = "9999",
            ["CAO_ALLOWED_HOSTS"] = "a.example, b.example",
            ["CAO_CORS_ORIGINS"] = "*",
            ["CAO_LOG_LEVEL"] = "warning",
            ["CAO_TMUX_SOCKET"] = "private",
            ["CAO_INBOX_SWEEP_SECONDS"] = "0.5",
            ["CAO_INBOX_BATCH_SIZE"] = "3",
            ["CAO_STATE_BUFFER_MAX"] = "1024",
            ["CAO_PROVIDER_INIT_TIMEOUT"] = "90",
            ["CAO_PLUGIN_PATH"] = "/a:/b",
            ["CAO_PLUGINS_HOOK_TIMEOUT"] = "1.5",
            ["CAO_PLUGINS_SETUP_TIMEOUT"] = "2",
            ["CAO_PLUGINS_TEARDOWN_TIMEOUT"] = "3",
            ["CAO_PLUGINS_DRAIN_TIMEOUT"] = "4",
            ["CAO_PLUGINS_QUEUE_CAPACITY"] = "50",
            ["CAO_MCP_REQUEST_TIMEOUT"] = "7200",
            ["CAO_ENABLE_SENDER_ID_INJECTION"] = "FALSE",
        });

        var server = ServerOptions.From(configuration);
        Assert.Equal(("0.0.0.0", 9999, LogLevel.Warning, "private"), (server.Host, server.Port, server.LogLevel, server.TmuxSocket));
        Assert.Equal(["a.example", "b.example"], server.AllowedHosts);
        Assert.Equal(["*"], server.CorsOrigins);
        Assert.Equal(new InboxOptions { SweepInterval = TimeSpan.FromMilliseconds(500), BatchSize = 3 }, configuration.Bind<InboxOptions>(InboxOptions.Section));
        Assert.Equal(1024, configuration.Bind<TerminalOutputTailOptions>(TerminalOutputTailOptions.Section).BufferCapacity);
        Assert.Equal(TimeSpan.FromSeconds(90), configuration.Bind<ProviderOptions>(ProviderOptions.Section).InitTimeout);
        Assert.Equal(new PluginHostOptions
        {
            HookTimeout = TimeSpan.FromSeconds(1.5),
            SetupTimeout = TimeSpan.FromSeconds(2),
            TeardownTimeout = TimeSpan.FromSeconds(3),
            DrainTimeout = TimeSpan.FromSeconds(4),
            QueueCapacity = 50,
            PluginPath = "/a:/b",
        }, configuration.Bind<PluginHostOptions>(PluginHostOptions.Section));
        Assert.Equal(new McpOptions { RequestTimeout = TimeSpan.FromHours(2), SenderIdInjection = false }, configuration.Bind<McpOptions>(McpOptions.Section));
    }

    [Fact]
    public void SettingsFileLosesToTheEnvironmentWhichLosesToTheCommandLine()
    {
        _home.Write("settings.json", """{ "server": { "host": "file-host", "port": 1111 }, "inbox": { "batchSize": 7 } }""");

        var fileOnly = Build();
        Assert.Equal(("file-host", 1111), (ServerOptions.From(fileOnly).Host, ServerOptions.From(fileOnly).Port));
        Assert.Equal(7, fileOnly.Bind<InboxOptions>(InboxOptions.Section).BatchSize);

        var withEnvironment = ServerOptions.From(Build(new() { ["CAO_API_PORT"] = "2222" }));
        Assert.Equal(("file-host", 2222), (withEnvironment.Host, withEnvironment.Port));

        var withCommandLine = ServerOptions.From(Build(new() { ["CAO_API_PORT"] = "2222" }, new() { ["Server:Port"] = "3333", ["Server:Host"] = null }));
        Assert.Equal(("file-host", 3333), (withCommandLine.Host, withCommandLine.Port));
    }

    [Fact]
    public void ListsInSettingsJsonMayBeArraysOrCommaSeparated()
    {
        _home.Write("settings.json", """{ "server": { "allowedHosts": ["a.example", "b.example"], "corsOrigins": "http://x, http://y" } }""");

        var server = ServerOptions.From(Build());

        Assert.Equal(["a.example", "b.example"], server.AllowedHosts);
        Assert.Equal(["http://x", "http://y"], server.CorsOrigins);
    }

    [Fact]
    public void AnEmptyVariableCountsAsUnset()
    {
        var server = ServerOptions.From(Build(new() { ["CAO_API_PORT"] = "", ["CAO_API_HOST"] = "  " }));

        Assert.Equal(("127.0.0.1", 9889), (server.Host, server.Port));
    }

    [Theory]
    [InlineData("CAO_API_PORT", "abc", "a port number (1-65535)")]
    [InlineData("CAO_API_PORT", "70000", "a port number (1-65535)")]
    [InlineData("CAO_INBOX_BATCH_SIZE", "-1", "a whole number greater than 0")]
    [InlineData("CAO_PLUGINS_QUEUE_CAPACITY", "0", "a whole number greater than 0")]
    [InlineData("CAO_STATE_BUFFER_MAX", "1.5", "a whole number greater than 0")]
    [InlineData("CAO_MCP_REQUEST_TIMEOUT", "soon", "a number of seconds greater than 0")]
    [InlineData("CAO_PLUGINS_HOOK_TIMEOUT", "-3", "a number of seconds greater than 0")]
    [InlineData("CAO_INBOX_SWEEP_SECONDS", "NaN", "a number of seconds greater than 0")]
    [InlineData("CAO_PROVIDER_INIT_TIMEOUT", "1e400", "a number of seconds greater than 0")]
    [InlineData("CAO_ENABLE_SENDER_ID_INJECTION", "maybe", "true or false")]
    [InlineData("CAO_MCP_TRANSPORT", "grpc", "one of http, stdio")]
    [InlineData("CAO_LOG_LEVEL", "loud", "one of Trace, Debug, Information, Warning, Error, Critical, None")]
    public void ABadVariableIsOneLineNamingItAndTheExpectedForm(string variable, string value, string expected)
    {
        var error = Assert.Throws<CaoConfigurationException>(() => Build(new() { [variable] = value }));

        Assert.Equal($"{variable} must be {expected}, got '{value}'.", error.Message);
    }

    [Fact]
    public void ABadValueInSettingsJsonNamesTheFileAndTheKeyAsWritten()
    {
        var file = _home.Write("settings.json", """{ "pluginHost": { "hookTimeout": "slow" } }""");

        var error = Assert.Throws<CaoConfigurationException>(() => Build());

        Assert.Equal($"{file}: pluginHost.hookTimeout must be a number of seconds greater than 0, got 'slow'.", error.Message);
    }

    [Fact]
    public void ABadCommandLineValueNamesTheOption()
    {
        var error = Assert.Throws<CaoConfigurationException>(() => Build(commandLine: new() { ["Server:Port"] = "0" }));

        Assert.Equal("--port must be a port number (1-65535), got '0'.", error.Message);
    }

    [Fact]
    public void AValueThatIsOverriddenIsNotChecked()
    {
        _home.Write("settings.json", """{ "server": { "port": "not a port" } }""");

        Assert.Equal(4444, ServerOptions.From(Build(new() { ["CAO_API_PORT"] = "4444" })).Port);
    }

    [Fact]
    public void PluginSettingsComeFromTheFileAndThePluginVariables()
    {
        _home.Write("settings.json", """{ "plugins": { "my-plugin": { "greeting": "file", "enabled": false, "retries": 3 } } }""");

        var settings = PluginSettings.From(Build(new() { ["CAO_PLUGIN_MY_PLUGIN_GREETING"] = "env" })).For("my-plugin");

        Assert.Equal("env", settings["greeting"]);
        Assert.Equal("false", settings["enabled"]);
        Assert.Equal("3", settings["retries"]);
    }

    [Fact]
    public void TheHomeComesFromTheEnvironmentWithTildeExpanded()
    {
        var configuration = CaoConfiguration.Build(new Dictionary<string, string> { ["CAO_HOME_DIR"] = "~/somewhere" });

        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(userHome, "somewhere"), CaoHome.FromConfiguration(configuration).Root);
    }

    public void Dispose() => _home.Dispose();
}
