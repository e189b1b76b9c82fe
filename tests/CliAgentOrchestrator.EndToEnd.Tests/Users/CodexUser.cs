using System.Diagnostics;

namespace CliAgentOrchestrator.EndToEnd.Tests.Users;

/// <summary>
/// A Codex user whose <c>~/.codex/config.toml</c> points Codex at the fake model (a <c>model_providers</c>
/// entry speaking the Responses API, its key read from OPENAI_API_KEY), working in a git repository, so
/// Codex asks whether to trust it, as it does in a real checkout.
/// </summary>
public static class CodexUser
{
    public static void Configure(AgentCliUser user)
    {
        Directory.CreateDirectory(Path.Combine(user.Home, ".codex"));
        File.WriteAllText(Path.Combine(user.Home, ".codex", "config.toml"), $"""
            model = "gpt-fake"
            model_provider = "fake"

            [model_providers.fake]
            name = "fake model server"
            base_url = "{user.ModelUrl}/v1"
            wire_api = "responses"
            env_key = "OPENAI_API_KEY"
            """);
        GitInit(user.WorkDirectory);
    }

    private static void GitInit(string folder)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["init", "-q", folder]) { RedirectStandardError = true })!;
        git.WaitForExit();
        if (git.ExitCode != 0)
            throw new InvalidOperationException("git init failed: " + git.StandardError.ReadToEnd());
    }
}
