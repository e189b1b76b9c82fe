namespace CliAgentOrchestrator.Plugins;

/// <summary>The values of <see cref="PostSendMessageEvent.OrchestrationType"/>.</summary>
public static class OrchestrationTypes
{
    /// <summary>An agent sent a message to another agent's inbox.</summary>
    public const string SendMessage = "send_message";

    /// <summary>A supervisor handed a task to a worker and waited for its answer.</summary>
    public const string Handoff = "handoff";

    /// <summary>A supervisor assigned a task to a worker without waiting.</summary>
    public const string Assign = "assign";
}
