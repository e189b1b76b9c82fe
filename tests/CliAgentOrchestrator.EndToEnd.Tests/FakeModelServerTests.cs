using System.Diagnostics;
using CliAgentOrchestrator.EndToEnd.Tests.FakeModel;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests;

/// <summary>
/// The fake model server speaks each vendor's protocol well enough for the real CLI: a one-shot,
/// non-interactive call of the CLI gets the scripted answer back.
/// </summary>
public sealed class FakeModelServerTests
{
    [Fact]
    public async Task Claude_code_in_print_mode_prints_the_scripted_answer_of_the_fake_anthropic_api()
    {
        await using var model = await FakeModelServer.StartAsync();
        using var home = new TempDirectory();
        var (exit, stdout, stderr) = await RunAsync(AgentClis.Path("claude"), home.Path,
            new() { ["ANTHROPIC_BASE_URL"] = model.Url, ["ANTHROPIC_API_KEY"] = "sk-ant-fake", ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1", ["DISABLE_AUTOUPDATER"] = "1" },
            "-p", "[[reply: PONG from the fake model]]", "--model", "claude-fake");
        Assert.True(exit == 0, $"claude exited {exit}: {stderr}");
        Assert.Contains("PONG from the fake model", stdout);
        Assert.Contains(model.Requests, r => r.Path.StartsWith("/v1/messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Codex_exec_prints_the_scripted_answer_of_the_fake_responses_api()
    {
        await using var model = await FakeModelServer.StartAsync();
        using var home = new TempDirectory();
        home.Write(".codex/config.toml", $"""
            model = "gpt-fake"
            model_provider = "fake"
            check_for_update_on_startup = false

            [model_providers.fake]
            name = "fake"
            base_url = "{model.Url}/v1"
            wire_api = "responses"
            env_key = "OPENAI_API_KEY"
            """);
        var (exit, stdout, stderr) = await RunAsync(AgentClis.Path("codex"), home.Path,
            new() { ["OPENAI_API_KEY"] = "sk-fake" },
            "exec", "--skip-git-repo-check", "[[reply: PONG from the fake model]]");
        Assert.True(exit == 0, $"codex exited {exit}: {stderr}");
        Assert.Contains("PONG from the fake model", stdout);
        Assert.Contains(model.Requests, r => r.Path.StartsWith("/v1/responses", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gemini_cli_in_prompt_mode_prints_the_scripted_answer_of_the_fake_gemini_api()
    {
        await using var model = await FakeModelServer.StartAsync();
        using var home = new TempDirectory();
        home.Write(".gemini/settings.json", """{"security":{"auth":{"selectedType":"gemini-api-key"}},"general":{"enableAutoUpdate":false},"privacy":{"usageStatisticsEnabled":false}}""");
        var (exit, stdout, stderr) = await RunAsync(AgentClis.Path("gemini"), home.Path,
            new() { ["GEMINI_API_KEY"] = "fake-gemini-key", ["GOOGLE_GEMINI_BASE_URL"] = model.Url },
            "--skip-trust", "--model", "gemini-2.5-flash", "-p", "[[reply: PONG from the fake model]]");
        Assert.True(exit == 0, $"gemini exited {exit}: {stderr}");
        Assert.Contains("PONG from the fake model", stdout);
        Assert.Contains(model.Requests, r => r.Path.StartsWith(GeminiGenerateContentApi.PathPrefix + "gemini-2.5-flash:streamGenerateContent", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string home, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment["HOME"] = home;
        start.Environment["PATH"] = AgentClis.SearchPath;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(deadline.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        return (process.ExitCode, await stdout, await stderr);
    }
}
