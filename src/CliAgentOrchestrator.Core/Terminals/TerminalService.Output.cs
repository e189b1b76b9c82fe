using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// Reading what an agent wrote.
public sealed partial class TerminalService
{
    // Deeper and deeper captures until the provider finds its answer marker, as Python does.
    private static readonly int[] CaptureDepths = [200, 500, 1000, 5000];
    private const int OverflowLines = 4500;

    /// <summary><c>full</c>: the rolling output buffer (raw, last 32 KiB); <c>last</c>: the agent's last answer.</summary>
    public async Task<string> GetOutputAsync(string terminalId, string mode, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        var runtime = RuntimeOf(record, allowExitedCli: true);
        try
        {
            return await ReadOutputAsync(runtime, mode, cancellationToken);
        }
        catch (TmuxCommandException ex)
        {
            // The window vanished between the watchdog's looks: say so instead of failing with a 500.
            throw new ConflictException($"Terminal '{terminalId}': tmux cannot reach its window ({FirstLine(ex.Stderr)}); see GET /terminals/{terminalId}");
        }
    }

    private async Task<string> ReadOutputAsync(TerminalRuntime runtime, string mode, CancellationToken cancellationToken)
    {
        if (mode == "full")
            await runtime.Tail.CatchUpAsync(TimeSpan.FromSeconds(1), cancellationToken);
        return mode switch
        {
            "full" => runtime.Tail.GetBufferedText() is { Length: > 0 } buffered
                ? buffered
                : await tmux.CapturePaneAsync(runtime.Target, CaptureRange.WithHistory(200), withEscapes: true, cancellationToken: cancellationToken),
            "last" => await LastMessageAsync(runtime, cancellationToken),
            _ => throw new InvalidParameterException($"Invalid mode '{mode}': use 'full' or 'last'"),
        };
    }

    private async Task<string> LastMessageAsync(TerminalRuntime runtime, CancellationToken cancellationToken)
    {
        var capture = "";
        foreach (var range in CaptureDepths.Select(CaptureRange.WithHistory).Append(CaptureRange.FullHistory))
        {
            capture = await tmux.CapturePaneAsync(runtime.Target, range, withEscapes: true, cancellationToken: cancellationToken);
            try
            {
                return runtime.Provider.ExtractLastMessage(capture);
            }
            catch (ProviderExtractionException)
            {
                // not in this much scrollback; look further back
            }
        }
        var lines = capture.Count(c => c == '\n');
        var reason = lines >= OverflowLines
            ? "[PARTIAL RESPONSE: no answer marker found; the answer may have scrolled past the history limit]"
            : "[NO RESPONSE: no answer marker found on the screen]";
        return reason + "\n" + CliAgentOrchestrator.Plugins.Providers.AnsiText.Strip(capture);
    }
}
