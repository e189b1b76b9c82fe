using CliAgentOrchestrator.Plugins;

namespace Cao.Discord.Tests.Doubles;

/// <summary>CAO's terminals as a dictionary; an id mapped to null throws, like a failing lookup.</summary>
public sealed class FakeCaoState : ICaoState
{
    public Dictionary<string, TerminalInfo?> Terminals { get; } = new(StringComparer.Ordinal);

    public FakeCaoState With(string id, string windowName)
    {
        Terminals[id] = new TerminalInfo { Id = id, WindowName = windowName, SessionName = "cao-test", Provider = "mock_cli" };
        return this;
    }

    public FakeCaoState Failing(string id)
    {
        Terminals[id] = null;
        return this;
    }

    public ValueTask<TerminalInfo?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken = default)
    {
        if (!Terminals.TryGetValue(terminalId, out var terminal))
            return ValueTask.FromResult<TerminalInfo?>(null);
        return terminal is null
            ? ValueTask.FromException<TerminalInfo?>(new InvalidOperationException("database is locked"))
            : ValueTask.FromResult<TerminalInfo?>(terminal);
    }
}
