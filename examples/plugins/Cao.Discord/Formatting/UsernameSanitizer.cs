using System.Globalization;
using System.Text;

namespace Cao.Discord.Formatting;

/// <summary>
/// Makes a name Discord accepts as a webhook <c>username</c>. Discord refuses the whole message
/// (HTTP 400) when the name breaks its rules, so a window called <c>discord-bot-1a2b</c> would
/// otherwise silence that agent entirely.
/// </summary>
internal static class UsernameSanitizer
{
    public const int MaxLength = 80;
    public const string Fallback = "cao";

    // Substrings Discord reserves (compared case-insensitively) or that break its markdown.
    private static readonly string[] Forbidden = ["discord", "clyde", "```", "@", "#", ":"];

    // Whole names Discord refuses.
    private static readonly string[] Reserved = ["everyone", "here"];

    public static string Clean(string? name)
    {
        var text = name ?? "";
        string before;
        do
        {
            // Repeat: removing "discord" from "discdiscordord" forms a new "discord".
            before = text;
            foreach (var bad in Forbidden)
                text = text.Replace(bad, "", StringComparison.OrdinalIgnoreCase);
        }
        while (text != before);

        text = CollapseWhitespace(text);
        text = Truncate(text, MaxLength).Trim();
        if (text.Length == 0 || Reserved.Any(r => r.Equals(text, StringComparison.OrdinalIgnoreCase)))
            return Fallback;
        return text;
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                    builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }

    // Cut on a text element boundary so an emoji or accented letter is never split in half.
    private static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = length + ((string)elements.Current).Length;
            if (next > maxLength)
                break;
            length = next;
        }
        return text[..length];
    }
}
