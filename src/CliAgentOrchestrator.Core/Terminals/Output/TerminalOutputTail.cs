using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>
/// Follows one terminal's log file (written by tmux <c>pipe-pane</c>) and publishes what gets
/// appended, keeping the last <see cref="TerminalOutputTailOptions.BufferCapacity"/> bytes.
/// Because the log, not this object, is the stream, a restarted server resumes by creating a
/// new tail on the same file (<c>resumeFromEnd: true</c>) while tmux keeps writing.
/// </summary>
public sealed class TerminalOutputTail : IAsyncDisposable
{
    private readonly TerminalOutputTailOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new(); // guards _buffer and _subscribers
    private readonly RollingByteBuffer _buffer;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder(); // used by the read loop only
    private readonly CancellationTokenSource _stop = new();
    private Action<TerminalOutputChunk>[] _subscribers = [];
    private Task? _loop;
    private long _position;

    /// <param name="resumeFromEnd">Start at the log's current end (re-attach after a restart)
    /// instead of its beginning (a fresh terminal, whose first bytes matter).</param>
    public TerminalOutputTail(
        string terminalId,
        string logPath,
        bool resumeFromEnd,
        TerminalOutputTailOptions? options = null,
        ILogger? logger = null)
    {
        TerminalId = terminalId;
        LogPath = logPath;
        _options = options ?? new TerminalOutputTailOptions();
        _logger = logger ?? NullLogger.Instance;
        _buffer = new RollingByteBuffer(_options.BufferCapacity);
        // Decided now, not when the loop first opens the file, so bytes written between
        // construction and Start are not skipped.
        _position = resumeFromEnd && File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
    }

    public string TerminalId { get; }

    public string LogPath { get; }

    /// <summary>Log offset up to which bytes have been published.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Starts following the log; a missing file is waited for.</summary>
    public void Start()
    {
        lock (_gate)
            _loop ??= Task.Run(() => FollowAsync(_stop.Token));
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every chunk, on the tail's reading thread, in order.
    /// Keep it short: the next read waits for it. Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<TerminalOutputChunk> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
            _subscribers = [.. _subscribers, handler];
        return new Subscription(this, handler);
    }

    /// <summary>The last bytes the terminal printed (at most the buffer capacity), escapes included.</summary>
    public byte[] GetBufferedBytes()
    {
        lock (_gate)
            return _buffer.ToArray();
    }

    /// <summary>The buffered bytes as text; a character cut by the rolling window is dropped.</summary>
    public string GetBufferedText()
    {
        var bytes = GetBufferedBytes().AsSpan();
        var skip = 0;
        while (skip < bytes.Length && skip < 3 && (bytes[skip] & 0xC0) == 0x80)
            skip++;
        return Encoding.UTF8.GetString(bytes[skip..]);
    }

    /// <summary>Forgets buffered output, e.g. when new input is sent (reference §3.4 step 4).</summary>
    public void ClearBuffer()
    {
        lock (_gate)
            _buffer.Clear();
    }

    /// <summary>
    /// Waits (up to <paramref name="limit"/>) until everything the log holds now has been read, so a
    /// reader of the buffer sees at least what is already on disk. The tail polls, so it can lag by a poll.
    /// </summary>
    public async Task CatchUpAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        long length;
        try
        {
            length = new FileInfo(LogPath).Length;
        }
        catch (IOException)
        {
            return;
        }
        var deadline = DateTime.UtcNow + limit;
        while (Position < length && DateTime.UtcNow < deadline && _loop is { IsCompleted: false })
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops following; the log file and tmux's pipe are left as they are.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? loop;
        lock (_gate)
            loop = _loop;
        if (loop is not null)
            await loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task FollowAsync(CancellationToken stop)
    {
        var readBuffer = new byte[_options.MaxChunkBytes];
        SafeFileHandle? handle = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    handle ??= TryOpen();
                    if (handle is not null && await ReadAvailableAsync(handle, readBuffer, stop).ConfigureAwait(false))
                        continue; // more may be waiting: read again before sleeping
                }
                catch (IOException e)
                {
                    _logger.LogWarning(e, "Reading terminal {TerminalId} log {LogPath} failed; reopening", TerminalId, LogPath);
                    handle?.Dispose();
                    handle = null;
                }
                await Task.Delay(_options.PollInterval, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            handle?.Dispose();
        }
    }

    private SafeFileHandle? TryOpen()
    {
        try
        {
            // Delete is shared so a log can be removed (terminal deletion, retention) while followed.
            return File.OpenHandle(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Publishes the next available bytes; false when there were none.</summary>
    private async Task<bool> ReadAvailableAsync(SafeFileHandle handle, byte[] readBuffer, CancellationToken stop)
    {
        var position = Position;
        var length = RandomAccess.GetLength(handle);
        if (length < position)
        {
            // Truncated underneath us: the old offsets mean nothing any more.
            _logger.LogInformation("Terminal {TerminalId} log shrank from {Old} to {New} bytes; following from its start", TerminalId, position, length);
            position = 0;
            _decoder.Reset();
            Interlocked.Exchange(ref _position, 0);
        }
        if (length == position)
            return false;

        var read = await RandomAccess.ReadAsync(handle, readBuffer, position, stop).ConfigureAwait(false);
        if (read <= 0)
            return false;
        Publish(position, readBuffer.AsSpan(0, read));
        return true;
    }

    private void Publish(long offset, ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        var charCount = _decoder.GetChars(bytes, chars, flush: false);
        var chunk = new TerminalOutputChunk(TerminalId, offset, bytes, new string(chars, 0, charCount));

        Action<TerminalOutputChunk>[] subscribers;
        lock (_gate)
        {
            _buffer.Append(bytes);
            subscribers = _subscribers;
        }
        Interlocked.Exchange(ref _position, offset + bytes.Length);

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(chunk);
            }
            catch (Exception e)
            {
                // One faulty subscriber must not stop the stream for the others.
                _logger.LogError(e, "A subscriber of terminal {TerminalId} output failed", TerminalId);
            }
        }
    }

    private void Unsubscribe(Action<TerminalOutputChunk> handler)
    {
        lock (_gate)
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, handler))];
    }

    private sealed class Subscription(TerminalOutputTail tail, Action<TerminalOutputChunk> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                tail.Unsubscribe(handler);
        }
    }
}
