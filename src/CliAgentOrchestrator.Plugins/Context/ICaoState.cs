namespace CliAgentOrchestrator.Plugins;

/// <summary>Read-only lookups into CAO's state, for plugins that need more than an event carries.</summary>
public interface ICaoState
{
    /// <summary>The terminal with id <paramref name="terminalId"/>, or null when CAO has no such terminal (any more).</summary>
    /// <param name="terminalId">8 lowercase hex characters.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The terminal, or null.</returns>
    ValueTask<TerminalInfo?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken = default);
}
