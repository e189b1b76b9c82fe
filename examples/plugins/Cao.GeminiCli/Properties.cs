using CliAgentOrchestrator.Plugins.Providers;

// A provider-only plugin: registering the provider is all it does.
[assembly: CaoProvider(Cao.GeminiCli.GeminiCliProvider.ProviderKey, typeof(Cao.GeminiCli.GeminiCliProvider), Binary = Cao.GeminiCli.GeminiCliProvider.Binary)]
