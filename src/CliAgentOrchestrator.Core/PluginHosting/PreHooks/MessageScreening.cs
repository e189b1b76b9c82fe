namespace CliAgentOrchestrator.Core.PluginHosting.PreHooks;

/// <summary>The outcome of the pre_send_message chain: the text to deliver, or the denial.</summary>
public sealed record MessageScreening(string Message, Denial? Denial)
{
    public bool Allowed => Denial is null;
}
