using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;

namespace CliAgentOrchestrator.EndToEnd.Tests.CopilotCli;

/// <summary>An <see cref="AgentTestBed"/> whose Copilot CLI is set up by <see cref="CopilotCliUser"/> (BYOK, offline).</summary>
internal static class CopilotCliTestBed
{
    public const string Provider = "copilot_cli";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed => CopilotCliUser.Configure(bed.User));
}
