namespace CliAgentOrchestrator.Dashboard;

/// <summary>One embedded dashboard file with its content type and an ETag from its hash.</summary>
public sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
