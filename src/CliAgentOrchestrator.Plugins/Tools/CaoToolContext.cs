namespace CliAgentOrchestrator.Plugins;

/// <summary>Who calls a <see cref="CaoToolAttribute"/> tool, handed to the tool method when it asks for it.</summary>
public sealed record CaoToolContext
{
    /// <summary>The name of the plugin that offers the tool.</summary>
    public string PluginName { get; init; } = "";

    /// <summary>The tool's name within the plugin (as in <see cref="CaoToolAttribute.Name"/>).</summary>
    public string ToolName { get; init; } = "";

    /// <summary>The name agents call, <c>&lt;plugin&gt;_&lt;tool&gt;</c>.</summary>
    public string QualifiedName { get; init; } = "";

    /// <summary>
    /// The CAO terminal id (8 hex characters) of the agent that calls, or <see langword="null"/> when
    /// the call does not come from a CAO terminal (an MCP server started by hand, a test).
    /// </summary>
    public string? TerminalId { get; init; }
}
