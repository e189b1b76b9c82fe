namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// The notes the Python MCP server appends so the receiving agent knows who wrote and how to answer.
/// Switched off with <c>CAO_ENABLE_SENDER_ID_INJECTION=false</c> (<see cref="McpOptions.SenderIdInjection"/>).
/// </summary>
public static class MessageNotes
{
    public static string FromTerminal(string message, string sender, bool enabled) =>
        enabled ? $"{message}\n\n[Message from terminal {sender}. Use send_message MCP tool for any follow-up work.]" : message;

    public static string AssignedBy(string message, string supervisor, bool enabled) =>
        enabled ? $"{message}\n\n[Assigned by terminal {supervisor}. When done, send results back to terminal {supervisor} using send_message]" : message;
}
