using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>Keeps every log line so tests can assert on the exact messages users grep for.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => _logs.ToArray();

    public IReadOnlyList<string> Messages(LogLevel? level = null) =>
        Logs.Where(l => level is null || l.Level == level).Select(l => l.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _logs);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception));
    }
}
