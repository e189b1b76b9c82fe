namespace CliAgentOrchestrator.Core.Storage;

/// <summary>
/// Inbox row states. <c>delivering</c> and <c>typing</c> are ours: <c>delivering</c> is a row claimed
/// by one delivery attempt (so no other attempt takes it) and not yet typed; <c>typing</c> is the
/// durable marker written just before its paste, so a server that died mid-delivery knows which one
/// message may have reached the terminal and checks the terminal's log instead of typing it again.
/// </summary>
public static class InboxStatuses
{
    public const string Pending = "pending";
    public const string Delivering = "delivering";
    public const string Typing = "typing";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>A plugin's pre-hook refused it; never retried (ours; Python has no veto).</summary>
    public const string Refused = "refused";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Pending, Delivering, Typing, Delivered, Failed, Refused };
}
