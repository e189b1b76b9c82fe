using CliAgentOrchestrator.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.GeminiCli;

/// <summary>
/// The real Gemini CLI 0.61.0 through the real server, driven by the example provider plugin loaded from disk
/// (the scenarios of <see cref="AgentCliScenarios"/>).
/// </summary>
public sealed class GeminiCliEndToEndTests(ITestOutputHelper output) : AgentCliScenarios(output)
{
    protected override string Provider => GeminiCliTestBed.Provider;

    protected override string ScreenPrefix => "gemini_cli_0.61.0";

    protected override string ModelRequestPath => GeminiCliTestBed.ModelRequestPath;

    protected override Task<AgentTestBed> StartBedAsync() => GeminiCliTestBed.StartAsync();
}
