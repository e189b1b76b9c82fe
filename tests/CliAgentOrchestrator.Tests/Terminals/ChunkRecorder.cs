using System.Text;
using CliAgentOrchestrator.Core.Terminals.Output;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>Collects the chunks a tail publishes, for assertions from the test thread.</summary>
public sealed class ChunkRecorder
{
    private readonly List<TerminalOutputChunk> _chunks = [];

    public void Record(TerminalOutputChunk chunk)
    {
        lock (_chunks)
            _chunks.Add(chunk);
    }

    public IReadOnlyList<TerminalOutputChunk> Chunks
    {
        get
        {
            lock (_chunks)
                return [.. _chunks];
        }
    }

    /// <summary>All text received so far, in order.</summary>
    public string Text => string.Concat(Chunks.Select(c => c.Text));

    /// <summary>All bytes received so far, decoded in one go (independent of chunk boundaries).</summary>
    public string DecodedBytes => Encoding.UTF8.GetString(Chunks.SelectMany(c => c.Bytes.ToArray()).ToArray());
}
