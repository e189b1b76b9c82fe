using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cao.Discord.Tests.Doubles;

/// <summary>Keeps every line the plugin logs, formatted as a user would read it.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<string> Lines(LogLevel? level = null) =>
        _lines.Where(l => level is null || l.Level == level).Select(l => l.Text).ToList();

    public IReadOnlyList<string> Warnings => Lines(LogLevel.Warning);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // The exception is part of the line: a token hidden in an exception would leak just the same.
        var text = formatter(state, exception) + (exception is null ? "" : " " + exception);
        _lines.Enqueue((logLevel, text));
    }
}
