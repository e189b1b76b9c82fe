using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// The standard <see cref="IPluginContext"/>. CAO builds one per plugin; plugin unit tests build
/// their own: <c>new MyPlugin { Context = new PluginContext { Settings = ... } }</c>.
/// </summary>
public sealed class PluginContext : IPluginContext
{
    /// <summary>The context of a plugin CAO did not create (for example in a unit test): no logging, no settings, no state.</summary>
    public static PluginContext Detached { get; } = new();

    /// <inheritdoc />
    public string PluginName { get; init; } = "";

    /// <inheritdoc />
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public ICaoState State { get; init; } = EmptyState.Instance;

    private sealed class EmptyState : ICaoState
    {
        public static readonly EmptyState Instance = new();

        public ValueTask<TerminalInfo?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<TerminalInfo?>(null);
    }
}
