namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Something the user can fix went wrong while installing, removing or configuring a plugin. The
/// message is one line that says what to do; the command line prints it without a stack trace.
/// </summary>
public sealed class InstallationException(string message, Exception? inner = null) : Exception(message, inner);
