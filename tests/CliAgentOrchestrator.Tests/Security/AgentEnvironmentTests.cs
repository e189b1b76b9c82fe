using System.Net;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Security;

/// <summary>
/// Plugin settings and CAO's own secrets live in the server's environment; an agent (and whatever it
/// runs) must see neither them in its pane, nor in tmux's global environment, nor as tmux arguments.
/// </summary>
public sealed class AgentEnvironmentTests
{
    // Unique names: the variables are set on this test process, which parallel tests share.
    private static readonly string PluginSecretName = "CAO_PLUGIN_LEAKPROBE" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "_TOKEN";
    private static readonly string Secret = "s3cret-" + Guid.NewGuid().ToString("N");
    private static readonly string Webhook = "https://discord.example/hook/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task PluginSecretsNeverReachAgentPanesOrTmux()
    {
        Environment.SetEnvironmentVariable(PluginSecretName, Secret);
        Environment.SetEnvironmentVariable("CAO_DISCORD_WEBHOOK_URL", Webhook);
        try
        {
            await using var server = await CaoTestServer.StartAsync(withRecorder: false);
            var terminal = await server.PostJsonAsync(
                $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
                new { env_vars = new Dictionary<string, string> { ["OPERATOR_CHOICE"] = "kept $HOME \"quoted\"" } },
                HttpStatusCode.Created);
            var id = terminal["id"]!.GetValue<string>();
            var target = new TmuxTarget(terminal["session_name"]!.GetValue<string>(), terminal["name"]!.GetValue<string>());

            var pane = await PaneEnvironmentAsync(server.Tmux, target);
            Assert.Equal(id, pane.GetValueOrDefault("CAO_TERMINAL_ID"));
            Assert.Equal("kept $HOME \"quoted\"", pane.GetValueOrDefault("OPERATOR_CHOICE")); // the operator's own env_vars still arrive, verbatim
            Assert.True(pane.ContainsKey("PATH"));
            AssertNoSecret(string.Join('\n', pane.Select(p => $"{p.Key}={p.Value}")), "the agent pane's environment");
            AssertNoSecret(await server.Tmux.RunAsync(["show-environment", "-g"]), "tmux's global environment");
            AssertNoSecret(await server.Tmux.RunAsync(["show-environment", "-t", target.Session]), "the session's environment");
        }
        finally
        {
            Environment.SetEnvironmentVariable(PluginSecretName, null);
            Environment.SetEnvironmentVariable("CAO_DISCORD_WEBHOOK_URL", null);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // tmux and its wrapper script are Unix-only
    public async Task EnvironmentValuesAreNeverTmuxArguments()
    {
        // A wrapper records every argument list tmux is started with: what `ps` would show.
        using var dir = new TempDirectory();
        var log = Path.Combine(dir.Path, "argv.log");
        var wrapper = Path.Combine(dir.Path, "tmux");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{log}'\nexec tmux \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tmux = new TmuxClient("cao-argv-" + Guid.NewGuid().ToString("N")[..8], wrapper);
        try
        {
            var environment = new Dictionary<string, string> { ["SOME_TOKEN"] = Secret };
            await tmux.NewSessionAsync("argv", "first", dir.Path, environment);
            await tmux.NewWindowAsync("argv", "second", dir.Path, environment);
            Assert.Contains(Secret, await tmux.RunAsync(["show-environment", "-t", "argv", "SOME_TOKEN"]));
            var commandLines = await File.ReadAllTextAsync(log);
            Assert.Contains("source-file -", commandLines);
            Assert.DoesNotContain(Secret, commandLines);
        }
        finally
        {
            await tmux.KillServerAsync();
        }
    }

    private static void AssertNoSecret(string text, string where)
    {
        Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"a plugin secret is in {where}");
        Assert.False(text.Contains(Webhook, StringComparison.Ordinal), $"the Discord webhook URL is in {where}");
        Assert.False(text.Contains(PluginSecretName, StringComparison.Ordinal), $"{PluginSecretName} is in {where}");
    }

    // The pane's shell process is what the agent CLI is started from: its /proc environ is exactly
    // what the agent inherits, without typing anything into the agent.
    internal static async Task<Dictionary<string, string>> PaneEnvironmentAsync(TmuxClient tmux, TmuxTarget target)
    {
        var pid = (await tmux.DisplayAsync(target, "#{pane_pid}")).Trim();
        var raw = await File.ReadAllTextAsync($"/proc/{pid}/environ");
        return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
    }
}
