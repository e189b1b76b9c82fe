namespace CliAgentOrchestrator.Core.Storage;

/// <summary>Inbox row states. <c>delivering</c> is ours: a row claimed by one delivery attempt, so no other attempt types it twice.</summary>
public static class InboxStatuses
{
    public const string Pending = "pending";
    public const string Delivering = "delivering";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>A plugin's pre-hook refused it; never retried (ours; Python has no veto).</summary>
    public const string Refused = "refused";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Pending, Delivering, Delivered, Failed, Refused };
}
