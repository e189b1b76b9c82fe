using System.Security.Cryptography;
using System.Text;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>
/// Types text and keys into a terminal's window (reference §3.4 step 5). Text travels through a
/// tmux paste buffer rather than send-keys, so it arrives at once and tmux never interprets
/// words such as "Enter" or ";" inside it.
/// </summary>
public sealed class TerminalInputSender(TmuxClient tmux, TimeProvider? timeProvider = null)
{
    // paste-buffer -p only adds the markers when the application announced bracketed paste
    // (?2004h), which some TUIs never do; below this version we add them ourselves, as the
    // Python original does (reference §3.4 step 5).
    private static readonly Version NativeBracketVersion = new(3, 7);

    private static readonly byte[] BracketStart = "\e[200~"u8.ToArray();
    private static readonly byte[] BracketEnd = "\e[201~"u8.ToArray();

    private const string BufferPrefix = "cao_";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    // The tmux server's version does not change under us; asked once, not once per message.
    private Version? _tmuxVersion;

    /// <summary>True for the paste buffers this class creates (a killed server may leave one behind).</summary>
    public static bool IsOwnBuffer(string bufferName) => bufferName.StartsWith(BufferPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Pastes <paramref name="text"/> into the window, waits the submit delay, presses Enter
    /// <see cref="TerminalInputOptions.EnterCount"/> times, and always deletes its paste buffer.
    /// Into a plain shell the paste is raw (each line runs as a command); into anything else it
    /// is bracketed, so multi-line text is one input.
    /// </summary>
    public async Task SendTextAsync(TmuxTarget target, string text, TerminalInputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EnterCount);
        // The last line of defence: callers refuse such text with a 400 first (MessageText). An ESC
        // could end the bracketed paste (ESC[201~) and the rest would arrive as keys.
        if (MessageText.FirstControlCharacter(text) is var index and >= 0)
            throw new ArgumentException($"Text to paste holds control character U+{(int)text[index]:X4} at position {index}; it would act as a key", nameof(text));

        // Unique per call, so concurrent sends to different windows never paste each other's text.
        var buffer = BufferPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var pasted = false;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            PasteMode mode;
            if (options.ForShell || PlainShells.IsPlainShell(options.PaneCommand ?? await tmux.GetPaneCurrentCommandAsync(target, cancellationToken).ConfigureAwait(false)))
            {
                mode = PasteMode.Raw;
            }
            else if ((_tmuxVersion ??= await tmux.GetVersionAsync(cancellationToken).ConfigureAwait(false)) >= NativeBracketVersion)
            {
                mode = PasteMode.Bracketed;
            }
            else
            {
                bytes = [.. BracketStart, .. bytes, .. BracketEnd];
                mode = PasteMode.Verbatim;
            }

            // Without a submit delay the Enter rides in the same tmux command as the paste (-d: the
            // buffer, the message text, is gone with the paste, and the finally below has nothing to do).
            var enterWithPaste = options.SubmitDelay == TimeSpan.Zero && options.EnterCount == 1;
            await tmux.PasteAsync(target, buffer, bytes, mode, enterWithPaste ? ["Enter"] : [], cancellationToken).ConfigureAwait(false);
            pasted = true;
            if (enterWithPaste)
                return;
            await Task.Delay(options.SubmitDelay, _time, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < options.EnterCount; i++)
            {
                if (i > 0)
                    await Task.Delay(options.EnterInterval, _time, cancellationToken).ConfigureAwait(false);
                await tmux.SendKeyAsync(target, "Enter", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Not the caller's token: a cancelled send must still not leave text in tmux's buffers.
            // (A killed server can: the next one removes cao_ buffers at start.)
            if (!pasted)
                await tmux.DeleteBufferAsync(buffer, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Presses one allow-listed key (see <see cref="SpecialKeys"/>) without Enter.</summary>
    /// <exception cref="InvalidSpecialKeyException">The key is not on the allow-list.</exception>
    public Task SendSpecialKeyAsync(TmuxTarget target, string key, CancellationToken cancellationToken = default)
    {
        SpecialKeys.Validate(key);
        return tmux.SendKeyAsync(target, key, cancellationToken);
    }
}
