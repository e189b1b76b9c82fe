using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// Profile names become tmux window names and file names, so they share tmux's allow-list
/// (<c>^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$</c>); anything else could not be launched or could escape
/// the agent-store directory.
/// </summary>
public static partial class ProfileNames
{
    /// <summary>Whether <paramref name="name"/> is a usable profile name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Throws a <see cref="ProfileException"/> that says what is allowed when the name is invalid.</summary>
    public static string Validate(string? name) =>
        IsValid(name)
            ? name!
            : throw new ProfileException(
                $"Invalid agent profile name '{name}': use 1-64 letters, digits, '_' or '-', not starting with '-'.");

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
