namespace CliAgentOrchestrator.EndToEnd.Tests.Support;

/// <summary>The test bed itself: its server runs agents with the bundled mock CLI and records events.</summary>
public sealed class AgentTestBedTests
{
    [Fact]
    public async Task A_mock_cli_agent_answers_through_the_test_beds_server_and_its_events_are_recorded()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        await bed.StartAsync();

        var terminal = await bed.CreateSessionAsync("mock_cli");
        var id = terminal["id"]!.GetValue<string>();
        await bed.WaitForStatusAsync(id, "idle", "completed");
        await bed.SendInputAsync(id, "hello from the test bed");
        await bed.WaitForStatusAsync(id, "completed");

        Assert.Equal("hello from the test bed", await bed.LastMessageAsync(id));
        Assert.Contains("hello from the test bed", await bed.ScreenAsync(id));
        await bed.WaitForEventAsync(e => e["event_type"]?.GetValue<string>() == "post_create_session", "post_create_session");
    }
}
