using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using CliAgentOrchestrator.Plugins;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>The server's answers to an isolated plugin's child: its log records and its state lookups.</summary>
internal sealed class ServerTarget(string pluginName, ILoggerFactory loggerFactory, ICaoState state)
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private readonly string _pluginCategory = $"CaoPlugin.{pluginName}";

    [JsonRpcMethod(PluginProtocol.Log)]
    public void Log(LogParams record)
    {
        // The plugin's own logger keeps its category; the runner's lines land under the plugin's name too.
        var category = record.Category is { } c && c.StartsWith(_pluginCategory, StringComparison.Ordinal) ? c : _pluginCategory;
        var logger = _loggers.GetOrAdd(category, loggerFactory.CreateLogger);
        var level = Level(record.Level);
        if (!logger.IsEnabled(level))
            return;
        if (record.Exception is null)
            logger.Log(level, "{Message}", record.Message);
        else
            logger.Log(level, "{Message}\n{Exception}", record.Message, record.Exception);
    }

    [JsonRpcMethod(PluginProtocol.GetTerminal)]
    public async Task<TerminalInfo?> GetTerminalAsync(GetTerminalParams request, CancellationToken cancellationToken) =>
        await state.GetTerminalAsync(request.TerminalId, cancellationToken).ConfigureAwait(false);

    private static LogLevel Level(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
