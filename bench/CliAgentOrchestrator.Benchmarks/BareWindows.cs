using System.Diagnostics;
using System.Text;
using CliAgentOrchestrator.Plugins.Providers;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// The references for start-up and typing: windows on the bench's own tmux server where mock_cli (or a
/// real agent CLI) is started and typed into the way a person (or a script) would, without CAO.
/// </summary>
internal sealed class BareWindows(TmuxClient tmux, string workDirectory)
{
    private const string Session = "cao-bare";

    public async Task StartSessionAsync() =>
        await tmux.NewSessionAsync(Session, "base", workDirectory, EnvironmentFilter.FromCurrentProcess());

    /// <summary>Milliseconds from opening a window (its login shell) to mock_cli's prompt, the command typed at once.</summary>
    public async Task<double> StartCliAsync(string window)
    {
        var start = Stopwatch.GetTimestamp();
        var target = await OpenWithCliAsync(window);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await tmux.KillWindowAsync(target);
        return elapsed;
    }

    /// <summary>A window running mock_cli at its prompt, its output piped to a log file.</summary>
    public async Task<(string Log, TmuxTarget Target)> StartReceiverAsync(string window)
    {
        var target = await OpenWithCliAsync(window);
        var log = Path.Combine(workDirectory, window + ".log");
        await tmux.StartPipeAsync(target, "cat >> " + ShellQuote.Single(log));
        return (log, target);
    }

    /// <summary>Milliseconds from a raw paste (load-buffer, paste-buffer, send-keys: one tmux process each) to the text in the log.</summary>
    public async Task<double> PasteLatencyAsync(TmuxTarget target, string log, string text)
    {
        var offset = File.Exists(log) ? new FileInfo(log).Length : 0;
        var start = Stopwatch.GetTimestamp();
        await tmux.LoadBufferAsync("bare", Encoding.UTF8.GetBytes(text));
        await tmux.PasteBufferAsync(target, "bare", PasteMode.Raw, delete: true);
        await tmux.SendKeyAsync(target, "Enter");
        await LogFile.WaitForAsync(log, offset, text);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// Milliseconds from opening a window (its login shell) to <paramref name="ready"/> reading true on its
    /// screen, <paramref name="command"/> typed at once. The screen is read the way CAO reads an agent's:
    /// each time the pane prints (its output piped to a log) and at least every 250 ms, so the reference
    /// does not load the machine with a capture every few milliseconds while the CLI starts.
    /// </summary>
    public async Task<double> StartCommandAsync(string window, string command, Func<string, bool> ready)
    {
        var log = Path.Combine(workDirectory, window + ".log");
        var start = Stopwatch.GetTimestamp();
        await tmux.NewWindowAsync(Session, window, workDirectory, EnvironmentFilter.FromCurrentProcess());
        var target = new TmuxTarget(Session, window);
        await tmux.StartPipeAsync(target, "cat >> " + ShellQuote.Single(log));
        await tmux.PasteAsync(target, "bare-" + window, Encoding.UTF8.GetBytes(command), PasteMode.Raw, ["Enter"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        var printed = -1L;
        var lastRead = 0L;
        var screen = "";
        while (true)
        {
            var length = File.Exists(log) ? new FileInfo(log).Length : 0;
            if (length != printed || Stopwatch.GetElapsedTime(lastRead) > TimeSpan.FromMilliseconds(250))
            {
                printed = length;
                lastRead = Stopwatch.GetTimestamp();
                screen = await tmux.CapturePaneAsync(target, CaptureRange.WithHistory(100));
                if (ready(screen))
                    break;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the command started by hand in bare window {window} never read as ready; the screen ends:\n{string.Join('\n', screen.TrimEnd().Split('\n').TakeLast(15))}");
            await Task.Delay(2);
        }
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await tmux.KillWindowAsync(target);
        File.Delete(log);
        return elapsed;
    }

    private async Task<TmuxTarget> OpenWithCliAsync(string window)
    {
        await tmux.NewWindowAsync(Session, window, workDirectory, EnvironmentFilter.FromCurrentProcess());
        var target = new TmuxTarget(Session, window);
        // Typed ahead: the terminal holds it until the login shell has read its start-up files.
        var command = ShellQuote.Join([MockCliProvider.DefaultScriptPath, "--delay-ms", "50"]);
        await tmux.PasteAsync(target, "bare-" + window, Encoding.UTF8.GetBytes(command), PasteMode.Raw, ["Enter"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!(await tmux.CapturePaneAsync(target, CaptureRange.WithHistory(0))).Split('\n').Any(l => l.Trim() == "❯"))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"mock_cli never showed its prompt in bare window {window}");
            await Task.Delay(2);
        }
        return target;
    }
}
