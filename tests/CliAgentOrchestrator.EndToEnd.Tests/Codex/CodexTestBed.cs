using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;

namespace CliAgentOrchestrator.EndToEnd.Tests.Codex;

/// <summary>An <see cref="AgentTestBed"/> for Codex, its HOME and project folder set up by <see cref="CodexUser"/>.</summary>
internal static class CodexTestBed
{
    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed => CodexUser.Configure(bed.User));
}
