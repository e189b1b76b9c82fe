namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The <c>{}</c> result of <c>hook</c> and <c>teardown</c>.</summary>
internal sealed record EmptyResult
{
    public static EmptyResult Instance { get; } = new();
}
