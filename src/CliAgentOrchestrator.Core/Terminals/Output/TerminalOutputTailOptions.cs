using System.Globalization;

namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>Tuning of <see cref="TerminalOutputTail"/>.</summary>
public sealed record TerminalOutputTailOptions
{
    /// <summary>Environment variable overriding <see cref="BufferCapacity"/> (reference §1.2).</summary>
    public const string BufferCapacityVariable = "CAO_STATE_BUFFER_MAX";

    /// <summary>Bytes kept for "full" output reads; Python's default is 32 KiB.</summary>
    public int BufferCapacity { get; init; } = 32 * 1024;

    /// <summary>How often the log is checked for new bytes when nothing arrived.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest chunk published at once, so a burst is split into digestible pieces.</summary>
    public int MaxChunkBytes { get; init; } = 64 * 1024;

    /// <summary>Defaults, with <c>CAO_STATE_BUFFER_MAX</c> applied when it holds a positive integer.</summary>
    public static TerminalOutputTailOptions FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(BufferCapacityVariable);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity > 0
            ? new TerminalOutputTailOptions { BufferCapacity = capacity }
            : new TerminalOutputTailOptions();
    }
}
