namespace CliAgentOrchestrator.Cli;

/// <summary>Something the user can fix; printed as one line on stderr, exit code 1.</summary>
public sealed class CliUserException(string message) : Exception(message);
