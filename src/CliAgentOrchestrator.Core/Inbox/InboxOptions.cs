namespace CliAgentOrchestrator.Core.Inbox;

/// <summary>Inbox tuning, bound from the <c>Inbox</c> section (<c>CAO_INBOX_SWEEP_SECONDS</c>, <c>CAO_INBOX_BATCH_SIZE</c>).</summary>
public sealed record InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>How often receivers with pending messages are re-checked, in case a ready edge was missed.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many queued messages are claimed when a receiver becomes ready; each is typed in its own paste.</summary>
    public int BatchSize { get; init; } = 20;
}
