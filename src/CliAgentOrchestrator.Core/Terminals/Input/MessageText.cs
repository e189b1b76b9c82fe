using System.Globalization;
using System.Text;
using CliAgentOrchestrator.Core.Errors;

namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>
/// The rules every message obeys before it may be typed into an agent: text, never keystrokes.
/// A control character in a paste is a key press to the program reading it (Ctrl-C kills the CLI
/// and the rest of the line runs in its shell; ESC[201~ would end the bracketed paste early), so
/// only newline and tab pass; carriage returns are turned into newlines.
/// </summary>
public static class MessageText
{
    /// <summary>
    /// The message as it will be typed (CR LF and lone CR become LF), after checking it.
    /// </summary>
    /// <exception cref="InvalidRequestException">The text holds a control character.</exception>
    /// <exception cref="MessageTooLargeException">The text is longer than <paramref name="maxBytes"/> in UTF-8.</exception>
    public static string Check(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var bytes = Encoding.UTF8.GetByteCount(normalized);
        if (bytes > maxBytes)
            throw new MessageTooLargeException(
                $"message is {bytes} bytes, over the limit of {maxBytes} bytes ({Configuration.CaoSettings.MaxMessageBytes.Variable}); split it or send a file path instead");
        RequireNoControlCharacters(normalized);
        return normalized;
    }

    /// <exception cref="InvalidRequestException">The text holds a control character other than newline and tab.</exception>
    public static void RequireNoControlCharacters(string text)
    {
        var index = FirstControlCharacter(text);
        if (index >= 0)
            throw new InvalidRequestException(
                $"message contains control character {Describe(text[index])} at position {index}; only newline and tab are allowed in text " +
                "(to press a key use POST /terminals/{id}/key)");
    }

    /// <summary>The index of the first character that would act as a key (C0 except tab and newline, DEL, C1), or -1.</summary>
    public static int FirstControlCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsForbidden(text[i]))
                return i;
        }
        return -1;
    }

    /// <summary>Replaces forbidden characters with <c>?</c>, for texts CAO writes itself (notes quoting error messages).</summary>
    public static string Sanitize(string text) =>
        FirstControlCharacter(text) < 0 ? text : new string([.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Select(c => IsForbidden(c) ? (c == '\r' ? '\n' : '?') : c)]);

    private static bool IsForbidden(char c) => c is not ('\n' or '\t') && (c < 0x20 || c is >= '\u007f' and <= '\u009f');

    private static string Describe(char c)
    {
        var code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return c switch
        {
            '\u001b' => code + " (ESC)",
            '\u007f' => code + " (DEL)",
            < ' ' => $"{code} (Ctrl-{(char)(c + '@')})",
            _ => code,
        };
    }
}
