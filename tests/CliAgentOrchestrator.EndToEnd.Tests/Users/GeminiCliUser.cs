using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.EndToEnd.Tests.Users;

/// <summary>
/// A Gemini CLI user set up for an API key: <c>~/.gemini/settings.json</c> picks API-key sign-in and a
/// fixed model (the default "auto" model first asks a routing model to rate the prompt), and
/// <c>~/.gemini/.env</c> holds the key and the fake model's URL, where Gemini CLI reads them (CAO's
/// allow-list does not pass GEMINI_* variables).
/// </summary>
public static class GeminiCliUser
{
    public static void Configure(AgentCliUser user)
    {
        var gemini = Directory.CreateDirectory(Path.Combine(user.Home, ".gemini")).FullName;
        var settings = new JsonObject
        {
            ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "gemini-api-key" } },
            ["model"] = new JsonObject { ["name"] = "gemini-2.5-flash" },
            ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        File.WriteAllText(Path.Combine(gemini, "settings.json"), settings.ToJsonString());
        File.WriteAllText(Path.Combine(gemini, ".env"), $"GEMINI_API_KEY=fake-gemini-key-for-tests\nGOOGLE_GEMINI_BASE_URL={user.ModelUrl}\n");
    }
}
