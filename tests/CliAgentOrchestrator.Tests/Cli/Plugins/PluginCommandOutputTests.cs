using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli.Plugins;

/// <summary>What `cao plugin list|test` print: states after changes on disk, machine-readable output, one-line mistakes.</summary>
public sealed class PluginCommandOutputTests
{
    [Fact]
    public async Task ListSaysWhatChangedOnDiskSinceTheServerLoadedItInsteadOfLoaded()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true, "Cao.TestPlugins.Gated");
        var cli = CliRunner.ContextFor(server);
        Assert.Equal(0, (await CliRunner.RunAsync(cli, "plugin", "disable", "gated")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(cli, "plugin", "uninstall", "recorder")).ExitCode);
        PluginTestBed.CopyBuiltPlugin("Cao.TestPlugins.Ordered", Path.Combine(server.Home.PluginsDirectory, "ordered"));

        var table = await CliRunner.RunAsync(cli, "plugin", "list");
        var json = await CliRunner.RunAsync(cli, "plugin", "list", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        // Piped: tab-separated, header first, nothing but the plugins on stdout.
        var rows = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["NAME", "VERSION", "STATUS", "ISOLATION", "HOOKS", "DELIVERED", "FAILED", "DROPPED", "FOLDER"], rows[0]);
        var status = rows.Skip(1).ToDictionary(r => r[0], r => r[2]);
        Assert.Equal("disabled (restart to apply)", status["gated"]);
        Assert.Equal("removed (restart to apply)", status["recorder"]);
        Assert.StartsWith("pending restart", status["ordered"]);
        Assert.Contains("is running", table.Error);
        var states = JsonNode.Parse(json.Out)!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!);
        Assert.Equal("disabled", (string?)states["gated"]["state"]);
        Assert.True((bool)states["gated"]["pending_restart"]!);
        Assert.Equal("removed", (string?)states["recorder"]["state"]);
        Assert.Equal("not_loaded", (string?)states["ordered"]["state"]);
        Assert.NotNull(states["gated"]["events"]?["delivered"]);
        Assert.Equal("inprocess", (string?)states["gated"]["isolation"]);
        Assert.Equal(0, (int?)states["gated"]["restarts"]);
    }

    [Fact]
    public async Task AReloadAppliesAnUninstallAndAnInstallWithoutARestart()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true);
        var cli = CliRunner.ContextFor(server);
        Assert.Equal(0, (await CliRunner.RunAsync(cli, "plugin", "uninstall", "recorder")).ExitCode);
        PluginTestBed.CopyBuiltPlugin("Cao.TestPlugins.Gated", Path.Combine(server.Home.PluginsDirectory, "gated"));

        var removed = await CliRunner.RunAsync(cli, "plugin", "reload", "recorder");
        var added = await CliRunner.RunAsync(cli, "plugin", "reload", "gated");
        var list = await CliRunner.RunAsync(cli, "plugin", "list", "--json");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.StartsWith("Unloaded recorder", removed.Out);
        Assert.True(added.ExitCode == 0, added.ToString());
        // Beside the built-in plugins (events, webhook).
        var row = Assert.Single(JsonNode.Parse(list.Out)!.AsArray(), r => (string?)r!["name"] != "events" && (string?)r!["name"] != "webhook")!;
        Assert.Equal("gated", (string?)row["name"]);
        Assert.Equal("loaded", (string?)row["state"]);
    }

    [Theory]
    [InlineData(new[] { "recorder", "--event", "post_nothing" }, "error: Unknown event type 'post_nothing'; use one of: post_create_session, post_create_terminal, post_fail_message, post_kill_session, post_kill_terminal, post_queue_message, post_send_message, post_send_message_denied, post_terminal_status_change, pre_create_terminal, pre_send_message")]
    [InlineData(new[] { "recorder", "--event", "post_send_message", "--set", "colour=red" }, "error: 'post_send_message' has no field 'colour'; its fields are: event_id, message, orchestration_type, receiver, sender, session_id, timestamp, traceparent")]
    [InlineData(new[] { "recorder", "--event", "post_send_message", "--set", "message" }, "error: --set expects field=value (got 'message'); e.g. --set message=hello")]
    [InlineData(new[] { "recorder", "--event", "post_send_message", "--set", "timestamp=yesterday" }, "error: 'timestamp' of 'post_send_message' is a timestamp; give it like 2026-01-31T12:00:00Z")]
    [InlineData(new[] { "gated", "--event", "post_kill_session" }, "error: 400: Plugin 'gated' has no hook for 'post_kill_session'; its hooks take: post_send_message")]
    public async Task AMistakeInPluginTestIsOneLineThatListsTheValidValues(string[] args, string expected)
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true, "Cao.TestPlugins.Gated");
        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), ["plugin", "test", .. args]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([expected], result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task TestingAnUnknownPluginSaysWhichAreLoaded()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true);
        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "plugin", "test", "ghost", "--event", "post_send_message");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: 404: No plugin named 'ghost' is loaded; loaded: events, recorder (`cao plugin list` shows them)"], result.ErrorLines);
    }
}
