using System.CommandLine;

namespace CliAgentOrchestrator.Cli;

/// <summary>The <c>--json</c> flag of the listing and status commands: the result as JSON on stdout, nothing else there.</summary>
public static class JsonOption
{
    public static Option<bool> Create() => new("--json") { Description = "Write the result as JSON (shapes in docs/cli.md)" };
}
