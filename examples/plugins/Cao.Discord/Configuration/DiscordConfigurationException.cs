namespace Cao.Discord.Configuration;

/// <summary>The plugin is misconfigured; the message says which setting to fix and never echoes a secret.</summary>
public sealed class DiscordConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the setting to fix.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public DiscordConfigurationException(string message) : base(message)
    {
    }
}
