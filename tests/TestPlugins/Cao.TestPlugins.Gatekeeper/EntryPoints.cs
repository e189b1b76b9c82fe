using CliAgentOrchestrator.Plugins;

// Pre-hook plugins, each reacting only to its own trigger word so they can share one install.
[assembly: CaoPlugin("redactor", typeof(Cao.TestPlugins.RedactorPlugin))]
[assembly: CaoPlugin("suffixer", typeof(Cao.TestPlugins.SuffixerPlugin))]
[assembly: CaoPlugin("denier", typeof(Cao.TestPlugins.DenierPlugin))]
[assembly: CaoPlugin("late_denier", typeof(Cao.TestPlugins.LateDenierPlugin))]
[assembly: CaoPlugin("slow_open", typeof(Cao.TestPlugins.SlowOpenPlugin))]
[assembly: CaoPlugin("slow_closed", typeof(Cao.TestPlugins.SlowClosedPlugin))]
[assembly: CaoPlugin("thrower_open", typeof(Cao.TestPlugins.ThrowerOpenPlugin))]
[assembly: CaoPlugin("thrower_closed", typeof(Cao.TestPlugins.ThrowerClosedPlugin))]
[assembly: CaoPlugin("terminal_guard", typeof(Cao.TestPlugins.TerminalGuardPlugin))]
