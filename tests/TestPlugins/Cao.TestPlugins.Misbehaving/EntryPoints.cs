using CliAgentOrchestrator.Plugins;

// Several entry points in one assembly, each misbehaving in its own way; each must fail alone.
[assembly: CaoPlugin("setup_throws", typeof(Cao.TestPlugins.SetupThrowsPlugin))]
[assembly: CaoPlugin("teardown_throws", typeof(Cao.TestPlugins.TeardownThrowsPlugin))]
[assembly: CaoPlugin("required_ctor", typeof(Cao.TestPlugins.RequiredConstructorPlugin))]
[assembly: CaoPlugin("not_a_plugin", typeof(Cao.TestPlugins.NotAPlugin))]
[assembly: CaoPlugin("faulty_hooks", typeof(Cao.TestPlugins.FaultyHooksPlugin))]
[assembly: CaoPlugin("blocking_hooks", typeof(Cao.TestPlugins.BlockingHooksPlugin))]
[assembly: CaoPlugin("blocking_closed", typeof(Cao.TestPlugins.BlockingClosedPlugin))]
[assembly: CaoPlugin("blocking_open", typeof(Cao.TestPlugins.BlockingOpenPlugin))]
[assembly: CaoPlugin("stalling", typeof(Cao.TestPlugins.StallingPlugin))]
