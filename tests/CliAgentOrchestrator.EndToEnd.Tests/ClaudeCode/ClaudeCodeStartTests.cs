using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.ClaudeCode;

/// <summary>Starting the real Claude Code 2.1.328 as a CAO agent: start-up dialogs, first-run setup, events.</summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Create_answers_the_trust_and_api_key_dialogs_itself_and_the_agent_reads_idle()
    {
        await using var bed = await ClaudeCodeTestBed.StartAsync();
        var watch = Stopwatch.StartNew();
        JsonObject terminal;
        await using (ScreenCapture.Watch(bed, ClaudeCodeTestBed.ScreenPrefix, new Dictionary<string, string>
        {
            ["trust_dialog"] = "Yes, I trust this folder",
            ["api_key_dialog"] = "Do you want to use this API key?",
        }))
        {
            terminal = await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider);
        }
        var id = AgentTestBed.Id(terminal);
        await bed.WaitForStatusAsync(id, "idle");
        output.WriteLine($"create → idle: {watch.Elapsed.TotalSeconds:0.0} s");
        await ScreenCapture.SaveAsync(bed, id, ClaudeCodeTestBed.ScreenPrefix, "idle");

        // Claude Code recorded both answers as a person's would be: this folder trusted, the key approved.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(bed.Home, ".claude.json")))!;
        Assert.True(config["projects"]?[bed.WorkDirectory]?["hasTrustDialogAccepted"]?.GetValue<bool>(), "the folder was not trusted");
        var approved = config["customApiKeyResponses"]?["approved"]?.AsArray().Select(k => k!.GetValue<string>()).ToList() ?? [];
        Assert.Contains(approved, key => bed.Environment["ANTHROPIC_API_KEY"].EndsWith(key, StringComparison.Ordinal));

        await bed.WaitForEventAsync(e => e["event_type"]?.GetValue<string>() == "post_create_session");
        await bed.WaitForEventAsync(e => e["event_type"]?.GetValue<string>() == "post_create_terminal"
            && e["terminal_id"]?.GetValue<string>() == id && e["provider"]?.GetValue<string>() == ClaudeCodeTestBed.Provider);
    }

    [Fact]
    public async Task A_home_where_claude_code_never_ran_fails_at_once_with_one_line_about_its_first_run_setup()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        // Off line, Claude Code's first-run setup checks its connection to api.anthropic.com and exits.
        bed.Environment["CAO_PROVIDER_INIT_TIMEOUT"] = "120";
        await bed.StartAsync();
        var watch = Stopwatch.StartNew();

        using var response = await bed.Http.PostAsync(
            $"/sessions?provider={ClaudeCodeTestBed.Provider}&agent_profile=developer&working_directory={Uri.EscapeDataString(bed.WorkDirectory)}", null);
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{(int)response.StatusCode} after {watch.Elapsed.TotalSeconds:0.0} s: {body}");

        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed.TotalSeconds:0} s, as if waiting out the init timeout");
        var detail = JsonNode.Parse(body)!["detail"]!.GetValue<string>();
        Assert.Contains("first-run setup", detail);
        Assert.DoesNotContain('\n', detail);
    }
}
