using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>One formatted log line a test captured.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " | " + Exception.Message)}";
}
