namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>One row of a profile listing.</summary>
/// <param name="Name">The profile name.</param>
/// <param name="Source"><c>local</c>, <c>directory</c> or <c>built-in</c>.</param>
/// <param name="Description">The frontmatter description.</param>
public sealed record ProfileSummary(string Name, string Source, string Description);
