namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>Who sent a piece of delivered text and how: one <c>post_send_message</c> per origin.</summary>
/// <param name="InboxId">The inbox row the text came from, when it came from the inbox.</param>
public sealed record MessageOrigin(string SenderId, string OrchestrationType, string Message, long? InboxId = null);
