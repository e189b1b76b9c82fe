namespace CliAgentOrchestrator.Core.Providers;

/// <summary>One entry of <c>GET /agents/providers</c>.</summary>
/// <param name="Name">The provider key.</param>
/// <param name="Binary">The program it runs.</param>
/// <param name="Installed">Whether that program was found (on PATH, or the bundled script for mock_cli).</param>
public sealed record ProviderInfo(string Name, string Binary, bool Installed);
