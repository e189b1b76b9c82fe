using System.Text.Json.Nodes;
using CliAgentOrchestrator.EndToEnd.Tests.FakeModel;
using CliAgentOrchestrator.EndToEnd.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests.GeminiCli;

/// <summary>
/// An <see cref="AgentTestBed"/> with the Gemini CLI example plugin (<c>examples/plugins/Cao.GeminiCli</c>,
/// published to <c>testplugins/gemini-cli</c>) installed in the server's plugins folder, and a user whose Gemini
/// CLI is set up for an API key: <c>~/.gemini/settings.json</c> picks API-key sign-in and a fixed model (the
/// default "auto" model first asks a routing model to rate the prompt), and <c>~/.gemini/.env</c> holds the key
/// and the fake model's URL, where Gemini CLI reads them (CAO's allow-list does not pass GEMINI_* variables).
/// </summary>
internal static class GeminiCliTestBed
{
    public const string Provider = "gemini_cli";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed =>
    {
        var plugin = Directory.CreateDirectory(Path.Combine(bed.Server.Home.PluginsDirectory, "gemini-cli")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testplugins", "gemini-cli")))
            File.Copy(file, Path.Combine(plugin, Path.GetFileName(file)));

        var gemini = Directory.CreateDirectory(Path.Combine(bed.Home, ".gemini")).FullName;
        var settings = new JsonObject
        {
            ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "gemini-api-key" } },
            ["model"] = new JsonObject { ["name"] = "gemini-2.5-flash" },
            ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        File.WriteAllText(Path.Combine(gemini, "settings.json"), settings.ToJsonString());
        File.WriteAllText(Path.Combine(gemini, ".env"), $"GEMINI_API_KEY=fake-gemini-key-for-tests\nGOOGLE_GEMINI_BASE_URL={bed.Model.Url}\n");
    });

    /// <summary>Where Gemini CLI's agent turns go on the fake model.</summary>
    public const string ModelRequestPath = GeminiGenerateContentApi.PathPrefix;
}
