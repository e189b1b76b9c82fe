using System.Text;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Tests.Support;
using CliAgentOrchestrator.Tests.Tmux;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>The tail over a plain file, written by the test instead of tmux.</summary>
public sealed class TerminalOutputTailTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cao-tail-").FullName;
    private readonly string _log;

    public TerminalOutputTailTests() => _log = Path.Combine(_directory, "0badc0de.log");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AppendedBytesArePublishedInOrderWithTheirOffsets()
    {
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        tail.Start();

        Append("first\n");
        await Eventually.TrueAsync(() => recorder.Text == "first\n", "first write");
        Append("second\n");
        await Eventually.TrueAsync(() => recorder.Text == "first\nsecond\n", "second write");

        Assert.All(recorder.Chunks, c => Assert.Equal("0badc0de", c.TerminalId));
        Assert.Equal(0, recorder.Chunks[0].Offset);
        Assert.Equal(6, recorder.Chunks[^1].Offset);
        Assert.Equal(13, tail.Position);
    }

    [Fact]
    public async Task AMissingLogIsWaitedFor()
    {
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: true);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        tail.Start();

        Append("late\n");

        await Eventually.TrueAsync(() => recorder.Text == "late\n", "the log to appear");
    }

    [Fact]
    public async Task ResumingFromTheEndSkipsWhatWasWrittenBefore()
    {
        Append("old history\n");
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: true);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        // Written after construction but before Start: still new, still published.
        Append("new ");
        tail.Start();
        Append("output\n");

        await Eventually.TrueAsync(() => recorder.Text == "new output\n", "new output only");
        Assert.Equal("new output\n", tail.GetBufferedText());
    }

    [Fact]
    public async Task TheBufferKeepsOnlyTheLastCapacityBytes()
    {
        var options = TestConfiguration.Options<TerminalOutputTailOptions>(TerminalOutputTailOptions.Section, ("CAO_STATE_BUFFER_MAX", "10"));
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false, options);
        tail.Start();

        Append("0123456789abcdef");
        await Eventually.TrueAsync(() => tail.Position == 16, "all bytes read");

        Assert.Equal("6789abcdef", tail.GetBufferedText());
        tail.ClearBuffer();
        Assert.Empty(tail.GetBufferedBytes());
    }

    [Fact]
    public async Task ACharacterSplitAcrossWritesIsDecodedWhole()
    {
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        tail.Start();
        var prompt = Encoding.UTF8.GetBytes("❯ ");

        AppendBytes(prompt[..1]);
        await Eventually.TrueAsync(() => tail.Position == 1, "the first byte read");
        AppendBytes(prompt[1..]);

        await Eventually.TrueAsync(() => recorder.Text == "❯ ", "the whole character");
        Assert.Equal("❯ ", recorder.DecodedBytes);
    }

    [Fact]
    public async Task AFailingSubscriberDoesNotStopTheOthers()
    {
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        var recorder = new ChunkRecorder();
        tail.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        tail.Subscribe(recorder.Record);
        tail.Start();

        Append("one\n");
        await Eventually.TrueAsync(() => recorder.Text == "one\n", "first chunk");
        Append("two\n");
        await Eventually.TrueAsync(() => recorder.Text == "one\ntwo\n", "second chunk");
    }

    [Fact]
    public async Task UnsubscribedHandlersStopReceiving()
    {
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        var stopped = new ChunkRecorder();
        var still = new ChunkRecorder();
        var subscription = tail.Subscribe(stopped.Record);
        tail.Subscribe(still.Record);
        tail.Start();
        Append("one\n");
        await Eventually.TrueAsync(() => stopped.Text == "one\n", "first chunk");

        subscription.Dispose();
        Append("two\n");

        await Eventually.TrueAsync(() => still.Text == "one\ntwo\n", "second chunk");
        Assert.Equal("one\n", stopped.Text);
    }

    [Fact]
    public async Task ATruncatedLogIsFollowedFromItsStart()
    {
        await using var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        tail.Start();
        Append("a long first line\n");
        await Eventually.TrueAsync(() => tail.Position == 18, "first line read");

        File.WriteAllText(_log, "");
        await Eventually.TrueAsync(() => tail.Position == 0, "the truncation noticed");
        Append("fresh\n");

        await Eventually.TrueAsync(() => recorder.Text.EndsWith("fresh\n", StringComparison.Ordinal), "the fresh line");
    }

    [Fact]
    public async Task StoppingEndsPublishing()
    {
        var tail = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        var recorder = new ChunkRecorder();
        tail.Subscribe(recorder.Record);
        tail.Start();
        Append("before\n");
        await Eventually.TrueAsync(() => recorder.Text == "before\n", "first chunk");

        await tail.DisposeAsync();
        Append("after\n");
        // A later tail on the same file proves the bytes were there to be read.
        await using var second = new TerminalOutputTail("0badc0de", _log, resumeFromEnd: false);
        second.Start();
        await Eventually.TrueAsync(() => second.Position == 13, "the second tail to read everything");

        Assert.Equal("before\n", recorder.Text);
    }

    private void Append(string text) => AppendBytes(Encoding.UTF8.GetBytes(text));

    private void AppendBytes(byte[] bytes)
    {
        using var stream = new FileStream(_log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(bytes);
    }
}
