using CliAgentOrchestrator.Plugins.Providers;

// A provider-only plugin: no CaoPlugin, just a provider for the parrot CLI it ships.
[assembly: CaoProvider("parrot_cli", typeof(Cao.TestPlugins.ParrotProvider), Binary = "bash")]
// Refused: the key is a built-in's.
[assembly: CaoProvider("mock_cli", typeof(Cao.TestPlugins.ParrotProvider))]
