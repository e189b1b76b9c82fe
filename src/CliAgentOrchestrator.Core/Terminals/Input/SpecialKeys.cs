using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>
/// The keys a caller may press in an agent's window (reference §3.4): navigation and confirmation
/// keys for answering CLI dialogs, nothing that could be abused to type arbitrary commands.
/// </summary>
public static partial class SpecialKeys
{
    /// <summary>True for arrows, Enter, Tab, Escape, Space, one letter or digit, and C-x / M-x / S-x.</summary>
    public static bool IsAllowed(string? key) => key is not null && AllowedKey().IsMatch(key);

    /// <summary>Throws <see cref="InvalidSpecialKeyException"/> unless <see cref="IsAllowed"/>.</summary>
    public static void Validate(string? key)
    {
        if (!IsAllowed(key))
            throw new InvalidSpecialKeyException(key);
    }

    // \A and \z, not ^ and $: "$" also matches before a final newline, which would let "Enter\n" through.
    [GeneratedRegex(@"\A(?:Up|Down|Left|Right|Enter|Tab|Escape|Space|[A-Za-z0-9]|[CMS]-[A-Za-z0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedKey();
}
