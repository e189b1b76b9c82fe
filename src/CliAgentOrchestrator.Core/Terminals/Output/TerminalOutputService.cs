using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.Tmux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>
/// Connects terminals' windows to their output logs and keeps one <see cref="TerminalOutputTail"/>
/// per attached terminal. tmux does the writing (<c>pipe-pane -o 'cat &gt;&gt; log'</c>), so the
/// pipe outlives this process; attaching again after a restart only starts a new tail.
/// </summary>
public sealed class TerminalOutputService(
    TmuxClient tmux,
    TerminalOutputTailOptions? options = null,
    ILoggerFactory? loggerFactory = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Attachment> _attachments = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly TerminalOutputTailOptions _options = options ?? new TerminalOutputTailOptions();
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TerminalOutputService>();

    /// <summary>
    /// Starts following <paramref name="logPath"/> for the terminal and makes sure tmux pipes the
    /// window's output into it. Replaces (and stops) a previous tail of the same terminal.
    /// The tail is already reading when this returns, so a subscriber added afterwards may miss
    /// the first chunks (they are still in the tail's buffer); a status monitor should call
    /// <see cref="Status.StatusMonitor.RequestDetection"/> once it follows the tail.
    /// </summary>
    /// <param name="resumeFromEnd">True when re-attaching to a terminal that outlived a server
    /// restart: old output is history, only new bytes are published. False for a new terminal.</param>
    /// <param name="pipeStarted">True when the window was opened with <see cref="PipeCommand"/> already
    /// piping into <paramref name="logPath"/>, so asking tmux again would only cost a process.</param>
    public async Task<TerminalOutputTail> AttachAsync(
        string terminalId,
        TmuxTarget target,
        string logPath,
        bool resumeFromEnd,
        bool pipeStarted = false,
        CancellationToken cancellationToken = default)
    {
        CreateLogFile(logPath);
        var tail = new TerminalOutputTail(terminalId, logPath, resumeFromEnd, _options, _loggerFactory.CreateLogger<TerminalOutputTail>());
        tail.Start();
        try
        {
            if (!pipeStarted)
                await EnsurePipeAsync(target, logPath, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tail.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var attachment = new Attachment(tail, target, logPath);
        Attachment? previous = null;
        _attachments.AddOrUpdate(terminalId, attachment, (_, old) =>
        {
            previous = old;
            return attachment;
        });
        if (previous is not null)
            await previous.Tail.DisposeAsync().ConfigureAwait(false);
        return tail;
    }

    /// <summary>The tail of an attached terminal, or null.</summary>
    public TerminalOutputTail? GetTail(string terminalId) => _attachments.GetValueOrDefault(terminalId)?.Tail;

    /// <summary>
    /// Restarts the pipe of every attached terminal whose window lost it (someone ran
    /// <c>pipe-pane</c> by hand, a tmux hiccup); returns those terminals. For a periodic watchdog.
    /// A window that no longer exists is skipped: deleting terminals is not this service's job.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsurePipesAsync(CancellationToken cancellationToken = default)
    {
        var restarted = new List<string>();
        if (_attachments.IsEmpty)
            return restarted;
        // Every window's pipe state in one tmux process: asking per terminal cost a process per agent on
        // every tick (five a second for ten agents at the 2 s default), whatever the agents were doing.
        IReadOnlyList<TmuxPaneInfo>? panes;
        try
        {
            panes = await tmux.ListAllPanesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TmuxCommandException e)
        {
            _logger.LogDebug(e, "Output pipes not checked");
            return restarted; // the next tick asks again
        }
        if (panes is null)
            return restarted; // no tmux server: every window is gone
        var byWindow = TmuxPaneInfo.ByWindow(panes);
        foreach (var (terminalId, attachment) in _attachments)
        {
            if (!byWindow.TryGetValue((attachment.Target.Session, attachment.Target.Window), out var pane) || pane.Piped)
                continue;
            try
            {
                CreateLogFile(attachment.LogPath);
                await tmux.StartPipeAsync(attachment.Target, PipeCommand(attachment.LogPath), cancellationToken).ConfigureAwait(false);
                restarted.Add(terminalId);
            }
            catch (TmuxCommandException e)
            {
                _logger.LogDebug(e, "Output pipe of terminal {TerminalId} not restarted", terminalId);
            }
        }
        return restarted;
    }

    /// <summary>
    /// Starts the window's output pipe into <paramref name="logPath"/> unless tmux reports one
    /// running (<c>#{pane_pipe}</c>). Returns true when it had to start it. Cheap enough to call
    /// from a periodic watchdog.
    /// </summary>
    public async Task<bool> EnsurePipeAsync(TmuxTarget target, string logPath, CancellationToken cancellationToken = default)
    {
        if (await tmux.IsPipeActiveAsync(target, cancellationToken).ConfigureAwait(false))
            return false;
        CreateLogFile(logPath);
        await tmux.StartPipeAsync(target, PipeCommand(logPath), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The shell command tmux pipes a window's output into: append to <paramref name="logPath"/>.</summary>
    public static string PipeCommand(string logPath) => "cat >> " + ShellQuote.Single(logPath);

    /// <summary>
    /// Stops following the terminal. With a <paramref name="target"/> the tmux pipe is stopped
    /// too (terminal deletion); without one it keeps writing (server shutdown), ready for re-attach.
    /// </summary>
    public async Task DetachAsync(string terminalId, TmuxTarget? target = null, CancellationToken cancellationToken = default)
    {
        if (_attachments.TryRemove(terminalId, out var attachment))
            await attachment.Tail.DisposeAsync().ConfigureAwait(false);
        if (target is { } window)
        {
            try
            {
                await tmux.StopPipeAsync(window, cancellationToken).ConfigureAwait(false);
            }
            catch (TmuxCommandException)
            {
                // The window is already gone, and its pipe with it.
            }
        }
    }

    /// <summary>Stops every tail; tmux pipes keep writing so a later server can resume.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in _attachments.Keys.ToList())
            await DetachAsync(id).ConfigureAwait(false);
    }

    private sealed record Attachment(TerminalOutputTail Tail, TmuxTarget Target, string LogPath);

    private static void CreateLogFile(string logPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(logPath))!;
        Directory.CreateDirectory(directory);
        // Opening for append creates the file without touching existing content.
        using var _ = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }
}
