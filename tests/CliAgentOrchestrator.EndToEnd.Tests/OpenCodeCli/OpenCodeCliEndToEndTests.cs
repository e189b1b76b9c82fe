using CliAgentOrchestrator.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.OpenCodeCli;

/// <summary>The real OpenCode 1.18.33 through the real server (the scenarios of <see cref="AgentCliScenarios"/>).</summary>
public sealed class OpenCodeCliEndToEndTests(ITestOutputHelper output) : AgentCliScenarios(output)
{
    protected override string Provider => OpenCodeCliTestBed.Provider;

    protected override string ScreenPrefix => "opencode_cli_1.18.33";

    protected override Task<AgentTestBed> StartBedAsync() => OpenCodeCliTestBed.StartAsync();
}
