namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>A profile and where it came from.</summary>
/// <param name="Profile">The parsed profile.</param>
/// <param name="Source">Which lookup tier had it.</param>
/// <param name="Location">The file path, or <c>builtin:&lt;name&gt;</c>.</param>
/// <param name="RawText">The file content as written (before substitution), for copies made by install.</param>
public sealed record FoundProfile(AgentProfile Profile, ProfileSource Source, string Location, string RawText);
