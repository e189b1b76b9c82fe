namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// Tells the CAO server that the caller's CLI has listed CAO's tools: the server waits for it before it
/// hands the terminal out, so a first task never reaches a model that cannot report back.
/// </summary>
public interface IToolsListedReport
{
    /// <summary>Reports without waiting; a report that cannot be made only costs the creation its wait.</summary>
    void Send();
}
