namespace CliAgentOrchestrator.Core.PluginHosting.PreHooks;

/// <summary>Why an operation was refused, and by which plugin.</summary>
public sealed record Denial(string Plugin, string Reason, string? Code)
{
    /// <summary>One line for users and agents: <c>Refused by plugin 'x': reason (code)</c>.</summary>
    public override string ToString() => $"Refused by plugin '{Plugin}': {Reason}{(Code is null ? "" : $" ({Code})")}";
}
