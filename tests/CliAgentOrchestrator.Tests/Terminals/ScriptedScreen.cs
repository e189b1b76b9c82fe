using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>A screen the test sets directly; its text is the status name. Counts captures.</summary>
public sealed class ScriptedScreen
{
    private int _captures;
    private string _text = nameof(TerminalStatus.Unknown);
    private Exception? _nextFailure;

    public int Captures => Volatile.Read(ref _captures);

    public void Show(TerminalStatus status) => Volatile.Write(ref _text, status.ToString());

    /// <summary>The next capture throws <paramref name="failure"/>, as tmux does for a vanished window.</summary>
    public void FailNextCapture(Exception failure) => Volatile.Write(ref _nextFailure, failure);

    public Task<string> CaptureAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _captures);
        if (Interlocked.Exchange(ref _nextFailure, null) is { } failure)
            throw failure;
        return Task.FromResult(Volatile.Read(ref _text));
    }

    public static TerminalStatus Detect(string screen) => Enum.Parse<TerminalStatus>(screen);
}
