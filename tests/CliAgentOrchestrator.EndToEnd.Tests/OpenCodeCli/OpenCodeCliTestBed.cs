using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;

namespace CliAgentOrchestrator.EndToEnd.Tests.OpenCodeCli;

/// <summary>An <see cref="AgentTestBed"/> whose OpenCode is set up by <see cref="OpenCodeCliUser"/> (the fake Anthropic API, offline).</summary>
internal static class OpenCodeCliTestBed
{
    public const string Provider = "opencode_cli";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed => OpenCodeCliUser.Configure(bed.User));
}
