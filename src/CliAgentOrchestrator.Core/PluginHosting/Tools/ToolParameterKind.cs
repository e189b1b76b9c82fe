namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>What CAO passes for one parameter of a tool method.</summary>
internal enum ToolParameterKind
{
    Arguments,
    Context,
    CancellationToken,
}
