using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Tmux;

public sealed class EnvironmentFilterTests
{
    [Theory]
    [InlineData("HOME")]
    [InlineData("PATH")]
    [InlineData("SHELL")]
    [InlineData("USER")]
    [InlineData("LANG")]
    [InlineData("LC_ALL")]
    [InlineData("LC_CTYPE")]
    [InlineData("TERM")]
    [InlineData("SSH_AUTH_SOCK")]
    [InlineData("DISPLAY")]
    [InlineData("XDG_RUNTIME_DIR")]
    [InlineData("DO_NOT_TRACK")]
    [InlineData("CAO_HOME_DIR")]
    [InlineData("KIRO_LOG")]
    [InlineData("MISE_SHELL")]
    [InlineData("AWS_PROFILE")]
    [InlineData("CLAUDE_CODE_USE_BEDROCK")]
    [InlineData("CLAUDE_CODE_USE_VERTEX")]
    [InlineData("CLAUDE_CODE_USE_FOUNDRY")]
    [InlineData("CLAUDE_CODE_SKIP_BEDROCK_AUTH")]
    [InlineData("CLAUDE_CODE_SKIP_VERTEX_AUTH")]
    [InlineData("CLAUDE_CODE_SKIP_FOUNDRY_AUTH")]
    [InlineData("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC")]
    [InlineData("CLAUDE_CONFIG_DIR")]
    [InlineData("ANTHROPIC_API_KEY")]
    [InlineData("ANTHROPIC_BASE_URL")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("COPILOT_PROVIDER_BASE_URL")]
    [InlineData("OPENCODE_CONFIG")]
    [InlineData("GH_TOKEN")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("no_proxy")]
    [InlineData("NODE_EXTRA_CA_CERTS")]
    public void AgentWindowsKeepTheBasicsCaoFamiliesAndTheCliVendorSettings(string name)
    {
        Assert.True(EnvironmentFilter.IsKept(name, "value"));
        Assert.False(EnvironmentFilter.IsBlocked(name));
    }

    [Theory]
    [InlineData("CLAUDECODE")]
    [InlineData("CLAUDE_CODE_ENTRYPOINT")]
    [InlineData("CLAUDE_CODE_SSE_PORT")]
    [InlineData("CODEX_SANDBOX")]
    [InlineData("CODEX_HOME")]
    [InlineData("__MISE_DIFF")]
    [InlineData("__MISE_SESSION")]
    public void OtherAgentCliSessionVariablesAreBlocked(string name)
    {
        Assert.False(EnvironmentFilter.IsKept(name, "value"));
        Assert.True(EnvironmentFilter.IsBlocked(name));
    }

    [Theory]
    [InlineData("TMUX")]
    [InlineData("OLDPWD")]
    [InlineData("lc_all")]
    [InlineData("PATHEXT")]
    public void AnythingElseIsLeftOutWithoutBeingBlocked(string name)
    {
        Assert.False(EnvironmentFilter.IsKept(name, "value"));
        Assert.False(EnvironmentFilter.IsBlocked(name));
    }

    [Theory]
    [InlineData("CAO_PLUGIN_DISCORD_TOKEN")]
    [InlineData("CAO_PLUGIN_X_WEBHOOK_URL")]
    [InlineData("CAO_DISCORD_WEBHOOK_URL")]
    [InlineData("CAO_ANYTHING_UNDOCUMENTED")]
    public void PluginSettingsAndUnlistedCaoVariablesNeverReachAgents(string name) =>
        Assert.False(EnvironmentFilter.IsKept(name, "secret"));

    [Theory]
    [InlineData("CAO_TERMINAL_ID")]
    [InlineData("CAO_API_HOST")]
    [InlineData("CAO_API_PORT")]
    [InlineData("CAO_TMUX_SOCKET")]
    [InlineData("CAO_PLUGIN_PATH")]
    public void CaoSettingsAnAgentMayNeedAreKept(string name) =>
        Assert.True(EnvironmentFilter.IsKept(name, "value"));

    [Fact]
    public void ValuesOf2048BytesOrMoreAreDropped()
    {
        Assert.True(EnvironmentFilter.IsKept("AWS_X", new string('a', 2047)));
        Assert.False(EnvironmentFilter.IsKept("AWS_X", new string('a', 2048)));
        // Bytes, not characters: 1024 two-byte characters reach the limit.
        Assert.False(EnvironmentFilter.IsKept("AWS_X", new string('é', 1024)));
        Assert.False(EnvironmentFilter.IsKept("PATH", new string('/', 5000)));
    }

    [Fact]
    public void FilterReturnsTheKeptSubsetSortedByName()
    {
        var filtered = EnvironmentFilter.Filter(new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin",
            ["CLAUDECODE"] = "1",
            ["AWS_REGION"] = "eu-west-1",
            ["HOME"] = "/home/me",
            ["RANDOM_THING"] = "x",
            ["CLAUDE_CODE_USE_BEDROCK"] = "1",
        });

        Assert.Equal(["AWS_REGION", "CLAUDE_CODE_USE_BEDROCK", "HOME", "PATH"], filtered.Keys);
        Assert.Equal("eu-west-1", filtered["AWS_REGION"]);
    }

    [Fact]
    public void TheCurrentProcessEnvironmentCanBeFiltered()
    {
        var filtered = EnvironmentFilter.FromCurrentProcess();

        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), filtered.GetValueOrDefault("PATH"));
        Assert.DoesNotContain(filtered.Keys, EnvironmentFilter.IsBlocked);
    }
}
