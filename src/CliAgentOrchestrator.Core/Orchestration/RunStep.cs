namespace CliAgentOrchestrator.Core.Orchestration;

/// <summary>One step of work for a fresh worker: which agent, what to do, and how long to wait.</summary>
public sealed record RunStep
{
    /// <summary>The worker's agent profile.</summary>
    public required string Agent { get; init; }

    /// <summary>The task, typed into the worker as a <c>handoff</c> message.</summary>
    public required string Prompt { get; init; }

    public string? Provider { get; init; }

    /// <summary>An existing session to add the worker to; null starts a session of its own.</summary>
    public string? SessionName { get; init; }

    /// <summary>Delete the worker once it has answered.</summary>
    public bool Teardown { get; init; } = true;

    /// <summary>How long to wait for the answer, in seconds (1–3600).</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>The worker's folder; null inherits the caller's.</summary>
    public string? WorkingDirectory { get; init; }

    public string? CallerId { get; init; }
    public IReadOnlyList<string>? AllowedTools { get; init; }
    public string? Model { get; init; }
}
