namespace CliAgentOrchestrator.Terminals;

/// <summary>Who sent a piece of delivered text and how: one <c>post_send_message</c> per origin.</summary>
public sealed record MessageOrigin(string SenderId, string OrchestrationType, string Message);
