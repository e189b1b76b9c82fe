namespace CliAgentOrchestrator.EndToEnd.Tests.ClaudeCode;

/// <summary>Claude Code agents are heavy (a 350 MB native binary each): its test classes run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClaudeCodeCollection
{
    public const string Name = "claude_code";
}
