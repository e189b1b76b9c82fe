namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>
/// What the fake model answers to one request: either a tool call (<see cref="ToolName"/> set, with
/// <see cref="ToolArgumentsJson"/>) or text streamed in <see cref="Chunks"/> with
/// <see cref="ChunkDelay"/> between them.
/// </summary>
public sealed record ModelTurn(IReadOnlyList<string> Chunks, TimeSpan ChunkDelay, string? ToolName = null, string? ToolArgumentsJson = null)
{
    /// <summary>The whole text answer.</summary>
    public string Text => string.Concat(Chunks);

    /// <summary>A text answer in one chunk.</summary>
    public static ModelTurn Say(string text) => new([text], TimeSpan.Zero);

    /// <summary>A call of the tool named <paramref name="toolName"/> (the exact name the CLI offered).</summary>
    public static ModelTurn CallTool(string toolName, string argumentsJson) => new([], TimeSpan.Zero, toolName, argumentsJson);
}
