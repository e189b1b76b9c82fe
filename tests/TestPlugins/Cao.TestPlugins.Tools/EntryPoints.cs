using CliAgentOrchestrator.Plugins;

// Plugins that offer agents tools: a working one, one whose setup fails for want of a setting, and
// names that clash (with each other and with CAO's own send_message).
[assembly: CaoPlugin("toolbox", typeof(Cao.TestPlugins.ToolboxPlugin))]
[assembly: CaoPlugin("unconfigured", typeof(Cao.TestPlugins.UnconfiguredPlugin))]
[assembly: CaoPlugin("clash.a", typeof(Cao.TestPlugins.ClashFirstPlugin))]
[assembly: CaoPlugin("clash", typeof(Cao.TestPlugins.ClashSecondPlugin))]
[assembly: CaoPlugin("send", typeof(Cao.TestPlugins.SendPlugin))]
