namespace CliAgentOrchestrator.Core.Inbox;

/// <summary>Inbox tuning; <c>CAO_INBOX_SWEEP_SECONDS</c> and <c>CAO_INBOX_BATCH_SIZE</c> override the defaults.</summary>
public sealed record InboxOptions
{
    /// <summary>How often receivers with pending messages are re-checked, in case a ready edge was missed.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many queued messages are typed in one paste when a receiver becomes ready.</summary>
    public int BatchSize { get; init; } = 20;

    public static InboxOptions FromEnvironment()
    {
        var defaults = new InboxOptions();
        return new InboxOptions
        {
            SweepInterval = double.TryParse(Environment.GetEnvironmentVariable("CAO_INBOX_SWEEP_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
                ? TimeSpan.FromSeconds(s) : defaults.SweepInterval,
            BatchSize = int.TryParse(Environment.GetEnvironmentVariable("CAO_INBOX_BATCH_SIZE"), out var b) && b > 0 ? b : defaults.BatchSize,
        };
    }
}
