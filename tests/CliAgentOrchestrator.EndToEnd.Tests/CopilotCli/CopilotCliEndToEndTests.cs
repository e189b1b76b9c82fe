using CliAgentOrchestrator.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.CopilotCli;

/// <summary>The real Copilot CLI 1.0.102 through the real server (the scenarios of <see cref="AgentCliScenarios"/>).</summary>
public sealed class CopilotCliEndToEndTests(ITestOutputHelper output) : AgentCliScenarios(output)
{
    protected override string Provider => CopilotCliTestBed.Provider;

    protected override string ScreenPrefix => "copilot_cli_1.0.102";

    protected override Task<AgentTestBed> StartBedAsync() => CopilotCliTestBed.StartAsync();
}
