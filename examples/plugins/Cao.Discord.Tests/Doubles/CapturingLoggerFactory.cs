using Microsoft.Extensions.Logging;

namespace Cao.Discord.Tests.Doubles;

/// <summary>Hands the host and its plugins one capturing logger, so a test reads the whole server log.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    public CapturingLogger Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
