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
        return RunAsync(PasteArguments(target, bufferName, mode, delete), cancellationToken: cancellationToken);
    }

    private static List<string> PasteArguments(TmuxTarget target, string bufferName, PasteMode mode, bool delete)
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
        return arguments;
    }

    /// <summary>
    /// Loads <paramref name="content"/> into the named buffer, pastes it into the target (deleting the
    /// buffer) and then presses <paramref name="keysAfter"/>, all in one tmux command: one process
    /// instead of one per step, which is most of the time a message takes to reach an idle agent.
    /// tmux runs the steps in order and stops at the first that fails.
    /// </summary>
    public Task PasteAsync(TmuxTarget target, string bufferName, ReadOnlyMemory<byte> content, PasteMode mode, IReadOnlyList<string> keysAfter, CancellationToken cancellationToken = default)
    {
        List<string> arguments = ["load-buffer", "-b", bufferName, "-", ";", .. PasteArguments(target, bufferName, mode, delete: true)];
        foreach (var key in keysAfter)
            arguments.AddRange([";", "send-keys", "-t", target.ToString(), key]);
        return RunAsync(arguments, content.ToArray(), cancellationToken);
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
