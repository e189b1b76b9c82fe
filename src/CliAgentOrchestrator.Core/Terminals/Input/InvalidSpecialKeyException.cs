namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>A key outside the allow-list of <see cref="SpecialKeys"/>; the HTTP layer maps it to 400.</summary>
public sealed class InvalidSpecialKeyException(string? key)
    : ArgumentException($"Key '{key}' is not allowed. Use Up, Down, Left, Right, Enter, Tab, Escape, Space, a single letter or digit, or C-x, M-x, S-x.", "key")
{
    /// <summary>The rejected key as given.</summary>
    public string? Key { get; } = key;
}
