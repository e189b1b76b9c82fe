namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>Bytes a terminal printed, as read from its log.</summary>
/// <param name="TerminalId">The terminal that printed them.</param>
/// <param name="Offset">Position of the first byte in the log file.</param>
/// <param name="Bytes">The raw bytes, escapes included.</param>
/// <param name="Text">The bytes decoded as UTF-8; a character split across reads appears whole in the later chunk.</param>
public sealed record TerminalOutputChunk(string TerminalId, long Offset, ReadOnlyMemory<byte> Bytes, string Text);
