namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// A configuration value CAO cannot use. The message is one line naming where the value came from
/// and what was expected; entry points print it as <c>error: …</c> and exit non-zero, without a stack.
/// </summary>
public sealed class CaoConfigurationException : Exception
{
    public CaoConfigurationException(string message) : base(message) { }

    public CaoConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
