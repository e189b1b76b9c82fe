using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.EndToEnd.Tests.Users;

/// <summary>
/// An OpenCode user with a custom provider on its bundled Anthropic SDK (<c>@ai-sdk/anthropic</c>, so
/// nothing is installed from npm) pointed at the fake Anthropic API, with the models.dev catalogue
/// fetch, auto-update, sharing and LSP downloads switched off.
/// </summary>
public static class OpenCodeCliUser
{
    public static void Configure(AgentCliUser user)
    {
        // The user's own config: CAO's per-terminal config is merged over it and leaves providers alone.
        var config = new JsonObject
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["model"] = "fake/claude-fake",
            ["autoupdate"] = false,
            ["share"] = "disabled",
            ["provider"] = new JsonObject
            {
                ["fake"] = new JsonObject
                {
                    ["npm"] = "@ai-sdk/anthropic",
                    ["name"] = "Fake Anthropic",
                    ["options"] = new JsonObject { ["baseURL"] = user.ModelUrl + "/v1", ["apiKey"] = "sk-ant-fake-key-for-tests" },
                    ["models"] = new JsonObject { ["claude-fake"] = new JsonObject { ["name"] = "Claude Fake" } },
                },
            },
        };
        var folder = Directory.CreateDirectory(Path.Combine(user.Home, ".config", "opencode")).FullName;
        File.WriteAllText(Path.Combine(folder, "opencode.json"), config.ToJsonString());

        var environment = user.Environment;
        environment["OPENCODE_DISABLE_MODELS_FETCH"] = "1";
        environment["OPENCODE_DISABLE_AUTOUPDATE"] = "1";
        environment["OPENCODE_DISABLE_SHARE"] = "1";
        environment["OPENCODE_DISABLE_LSP_DOWNLOAD"] = "1";
    }
}
