namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// A provider's CLI is on neither the new terminal's PATH nor the server's: reported as soon as the
/// pane's shell answers, instead of waiting out the provider's init timeout.
/// </summary>
public sealed class CliNotFoundException(string provider, string executable)
    : Exception($"'{executable}' is not on the PATH of new terminals; install it or choose another --provider than {provider}.")
{
    /// <summary>The provider key, e.g. <c>kiro_cli</c>.</summary>
    public string Provider { get; } = provider;

    /// <summary>The program that was looked up, e.g. <c>kiro-cli</c>.</summary>
    public string Executable { get; } = executable;
}
