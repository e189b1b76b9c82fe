namespace Cao.Discord;

// What tests replace: the network, the clock, the environment and where .env is searched. CAO
// uses the defaults; nothing here is public, so the plugin's surface stays the parameterless
// constructor and the hooks.
public sealed partial class DiscordPlugin
{
    /// <summary>Replaces the network; the caller keeps ownership of the handler.</summary>
    internal HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The clock that retry waits (429, backoff) run on.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Reads a process environment variable.</summary>
    internal Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where the search for <c>.env</c> starts; the working directory when null.</summary>
    internal string? DotEnvDirectory { get; init; }
}
