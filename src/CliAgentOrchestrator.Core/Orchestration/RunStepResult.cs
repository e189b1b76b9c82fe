namespace CliAgentOrchestrator.Core.Orchestration;

/// <summary>The worker's answer to a <see cref="RunStep"/>: its terminal and the text of its last message.</summary>
public sealed record RunStepResult(string TerminalId, string LastMessage);
