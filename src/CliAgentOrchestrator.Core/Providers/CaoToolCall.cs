namespace CliAgentOrchestrator.Core.Providers;

/// <summary>What an agent's CLI must allow one call of CAO's MCP tools.</summary>
public static class CaoToolCall
{
    /// <summary>
    /// A handoff waits up to an hour for its worker (its largest <c>timeout</c>), plus three minutes to start
    /// the worker and read its answer; a CLI that gives up sooner cuts the supervisor off from the answer.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(3600 + 180);
}
