namespace Cao.Discord.Tests.Doubles;

/// <summary>
/// Sets the working directory and the plugin's environment variables for one test and restores
/// them after, so neither a developer's own Discord configuration nor a stray <c>.env</c> leaks
/// into a test (or a test's messages into a real channel). Use only in <see cref="ProcessWideCollection"/>.
/// </summary>
public sealed class ProcessScope : IDisposable
{
    private static readonly string[] Variables = ["CAO_DISCORD_WEBHOOK_URL", "CAO_DISCORD_TIMEOUT_SECONDS"];

    private readonly string _previousDirectory = Directory.GetCurrentDirectory();
    private readonly Dictionary<string, string?> _previous = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public ProcessScope(string workingDirectory, string? webhookUrl = null, string? timeoutSeconds = null)
    {
        Directory.SetCurrentDirectory(workingDirectory);
        Environment.SetEnvironmentVariable("CAO_DISCORD_WEBHOOK_URL", webhookUrl);
        Environment.SetEnvironmentVariable("CAO_DISCORD_TIMEOUT_SECONDS", timeoutSeconds);
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_previousDirectory);
        foreach (var (name, value) in _previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}
