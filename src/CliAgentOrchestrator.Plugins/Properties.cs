using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("CliAgentOrchestrator.Core")]
