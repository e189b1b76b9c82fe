namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>Tuning of <see cref="TerminalOutputTail"/>, bound from the <c>TerminalOutput</c> section.</summary>
public sealed record TerminalOutputTailOptions
{
    /// <summary>The configuration section; <c>CAO_STATE_BUFFER_MAX</c> sets <see cref="BufferCapacity"/> (reference §1.2).</summary>
    public const string Section = "TerminalOutput";

    /// <summary>Bytes kept for "full" output reads; Python's default is 32 KiB.</summary>
    public int BufferCapacity { get; init; } = 32 * 1024;

    /// <summary>
    /// How often the log is checked for new bytes when nothing arrived: the lag before output wakes the
    /// status monitor and start-up. A check is one fstat of an open file.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often dead output pipes are looked for and restarted (<see cref="Hosting.PipeWatchdogService"/>).</summary>
    public TimeSpan PipeCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest chunk published at once, so a burst is split into digestible pieces.</summary>
    public int MaxChunkBytes { get; init; } = 64 * 1024;
}
