using System.Threading.Channels;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>
/// The child's loggers: every record becomes a <c>log</c> notification, sent in order by one loop so
/// a chatty plugin never blocks on the wire (past 10,000 waiting records the oldest are dropped).
/// The server applies its own log level.
/// </summary>
internal sealed class RemoteLoggerFactory : ILoggerFactory
{
    private readonly Channel<LogParams> _records = Channel.CreateBounded<LogParams>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private Task _sender = Task.CompletedTask;

    public void Start(JsonRpc rpc) => _sender = Task.Run(async () =>
    {
        await foreach (var record in _records.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await rpc.NotifyWithParameterObjectAsync(PluginProtocol.Log, record).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException)
            {
                return;
            }
        }
    });

    /// <summary>Sends what is queued, for up to <paramref name="deadline"/>.</summary>
    public async Task FlushAsync(TimeSpan deadline)
    {
        _records.Writer.TryComplete();
        await Task.WhenAny(_sender, Task.Delay(deadline)).ConfigureAwait(false);
    }

    public ILogger CreateLogger(string categoryName) => new RemoteLogger(categoryName, _records.Writer);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose() => _records.Writer.TryComplete();

    private sealed class RemoteLogger(string category, ChannelWriter<LogParams> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            records.TryWrite(new LogParams
            {
                Level = LevelName(logLevel),
                Category = category,
                Message = formatter(state, exception),
                Exception = exception?.ToString(),
            });
        }
    }

    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "information",
    };
}
