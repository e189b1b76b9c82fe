namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>The screen holds no answer the provider can extract.</summary>
public sealed class ProviderExtractionException(string message) : Exception(message);
