using Cao.AskHuman;
using CliAgentOrchestrator.Plugins;

// The entry point CAO reads from the installed plugin folder; agents see its tool as askhuman_ask.
[assembly: CaoPlugin("askhuman", typeof(AskHumanPlugin))]
