namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>Where a profile was found, in lookup order.</summary>
public enum ProfileSource
{
    /// <summary><c>&lt;home&gt;/agent-store</c>, written by <c>cao install</c>.</summary>
    Local,
    /// <summary>An extra directory configured for the server.</summary>
    Directory,
    /// <summary>Shipped inside CAO.</summary>
    BuiltIn,
}
