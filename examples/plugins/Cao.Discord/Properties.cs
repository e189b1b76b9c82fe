using Cao.Discord;
using CliAgentOrchestrator.Plugins;

// The entry point CAO reads from the installed plugin folder; "discord" is the name in its startup log.
[assembly: CaoPlugin("discord", typeof(DiscordPlugin))]
