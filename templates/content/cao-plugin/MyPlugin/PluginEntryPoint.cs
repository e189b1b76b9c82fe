using CliAgentOrchestrator.Plugins;

// The entry point: CAO reads this attribute from the published assembly without loading it. The
// name is what the server log shows (`Loaded CAO plugin: my_plugin`) and what `cao plugin` takes.
[assembly: CaoPlugin("my_plugin", typeof(Cao.MyPlugin.MyPlugin))]
