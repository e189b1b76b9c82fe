using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;

namespace CliAgentOrchestrator.EndToEnd.Tests.Codex;

/// <summary>An <see cref="AgentTestBed"/> for Codex, its HOME and project folder set up by <see cref="CodexUser"/>.</summary>
internal static class CodexTestBed
{
    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed => CodexUser.Configure(bed.User));

    /// <summary>A bed whose server gives agents CAO's MCP tools over <paramref name="mcpTransport"/> (<c>CAO_MCP_TRANSPORT</c>).</summary>
    public static Task<AgentTestBed> StartAsync(string mcpTransport) => AgentTestBed.StartAsync(bed =>
    {
        CodexUser.Configure(bed.User);
        bed.Environment["CAO_MCP_TRANSPORT"] = mcpTransport;
    });
}
