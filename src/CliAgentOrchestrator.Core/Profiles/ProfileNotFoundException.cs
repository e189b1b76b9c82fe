namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>No profile with that name in the agent store, extra directories or built-ins.</summary>
public sealed class ProfileNotFoundException(string name, IEnumerable<string> searched)
    : ProfileException($"Agent profile '{name}' not found. Looked in: {string.Join(", ", searched)}. Install it with 'cao install <file.md>'.")
{
    /// <summary>The name asked for.</summary>
    public string Name { get; } = name;
}
