using System.Diagnostics;
using CliAgentOrchestrator.EndToEnd.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests.Codex;

/// <summary>
/// An <see cref="AgentTestBed"/> for Codex: the throw-away HOME's <c>~/.codex/config.toml</c> points
/// Codex at the fake model (a <c>model_providers</c> entry speaking the Responses API, its key read
/// from OPENAI_API_KEY), and the project folder is a git repository, so Codex asks whether to trust
/// it, as it does in a real checkout.
/// </summary>
internal static class CodexTestBed
{
    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed =>
    {
        Directory.CreateDirectory(Path.Combine(bed.Home, ".codex"));
        File.WriteAllText(Path.Combine(bed.Home, ".codex", "config.toml"), $"""
            model = "gpt-fake"
            model_provider = "fake"

            [model_providers.fake]
            name = "fake model server"
            base_url = "{bed.Model.Url}/v1"
            wire_api = "responses"
            env_key = "OPENAI_API_KEY"
            """);
        GitInit(bed.WorkDirectory);
    });


    private static void GitInit(string folder)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["init", "-q", folder]) { RedirectStandardError = true })!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, "git init failed: " + git.StandardError.ReadToEnd());
    }
}
