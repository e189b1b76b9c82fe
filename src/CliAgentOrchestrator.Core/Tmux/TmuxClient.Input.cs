namespace CliAgentOrchestrator.Core.Tmux;

// Paste buffers and keys.
public sealed partial class TmuxClient
{
    /// <summary>Stores <paramref name="content"/> in the named paste buffer, read from stdin so
    /// any bytes (newlines, quotes, escapes) arrive unchanged and no argument-length limit applies.</summary>
    public Task LoadBufferAsync(string bufferName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        RunAsync(["load-buffer", "-b", bufferName, "-"], content.ToArray(), cancellationToken);

    /// <summary>Pastes the named buffer into the target's active pane.</summary>
    /// <param name="mode">How the bytes reach the application; see <see cref="PasteMode"/>.</param>
    /// <param name="delete"><c>-d</c>: tmux deletes the buffer after pasting, in the same command.</param>
    public Task PasteBufferAsync(TmuxTarget target, string bufferName, PasteMode mode, CancellationToken cancellationToken = default, bool delete = false)
    {
        List<string> arguments = ["paste-buffer", "-b", bufferName, "-t", target.ToString()];
        if (delete)
            arguments.Add("-d");
        switch (mode)
        {
            case PasteMode.Verbatim:
                arguments.Add("-r");
                break;
            case PasteMode.Bracketed:
                arguments.Add("-p");
                break;
        }
        return RunAsync(arguments, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the named paste buffer; false when it did not exist.</summary>
    public async Task<bool> DeleteBufferAsync(string bufferName, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(["delete-buffer", "-b", bufferName], cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>True when a paste buffer with this name exists.</summary>
    public async Task<bool> HasBufferAsync(string bufferName, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(["show-buffer", "-b", bufferName], cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>Names of the server's paste buffers, newest first.</summary>
    public async Task<IReadOnlyList<string>> ListBuffersAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(["list-buffers", "-F", "#{buffer_name}"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            return result.NoServer ? [] : throw new TmuxCommandException(result.Arguments, result.ExitCode, result.Stderr);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Presses one key, named as tmux names keys (<c>Enter</c>, <c>C-c</c>, <c>Up</c>, <c>y</c>).</summary>
    public Task SendKeyAsync(TmuxTarget target, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return RunAsync(["send-keys", "-t", target.ToString(), key], cancellationToken: cancellationToken);
    }
}
