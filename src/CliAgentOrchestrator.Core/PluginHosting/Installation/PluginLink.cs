using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>A plugin loaded straight from its build output (<c>cao plugin install --link</c>).</summary>
/// <param name="Folder">The build output folder the server loads (through a private copy).</param>
/// <param name="Project">The project that builds it, when the link was made from a project; <c>cao plugin reload</c> builds it first.</param>
public sealed record PluginLink(
    [property: JsonPropertyName("folder")] string Folder,
    [property: JsonPropertyName("project")] string? Project);
