using System.Diagnostics;
using System.Text;
using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// A real interactive bash on a pseudo-terminal (util-linux <c>script</c>), standing in for a tmux
/// pane: typed text is echoed, the prompt is drawn, escapes are real. The "screen" is everything
/// printed so far, which is what a capture with scrollback shows.
/// </summary>
internal sealed class PtyConsole : ITerminalConsole, IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public PtyConsole(string workingDirectory)
    {
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "-qfc", "bash --norc --noprofile -i", "/dev/null" }) start.ArgumentList.Add(arg);
        start.Environment["PS1"] = "$ ";
        start.Environment["TERM"] = "xterm";
        _process = Process.Start(start)!;
        _ = Pump(_process.StandardOutput);
        _ = Pump(_process.StandardError);
    }

    public string TerminalId => "0123abcd";

    public TerminalStatus CurrentStatus => TerminalStatus.Unknown; // no status monitor here: the provider reads captures

    public string Output { get { lock (_output) return _output.ToString(); } }

    public Task RunCommandAsync(string text, CancellationToken cancellationToken) => Write(text + "\r");

    public Task SendKeyAsync(string key, CancellationToken cancellationToken) => Write(key switch
    {
        "Enter" => "\r",
        "Down" => "\u001b[B",
        "Up" => "\u001b[A",
        "C-c" => "\u0003",
        "C-d" => "\u0004",
        _ => key,
    });

    public Task<string> CaptureAsync(int historyLines, CancellationToken cancellationToken) => Task.FromResult(Output);

    public Task<string> CurrentCommandAsync(CancellationToken cancellationToken) => Task.FromResult("bash");

    public async Task<string> WaitForAsync(Func<string, bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var output = Output;
            if (condition(output)) return output;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("pty output did not match in time:\n" + output);
            await Task.Delay(20);
        }
    }

    private async Task Write(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    private async Task Pump(StreamReader reader)
    {
        var buffer = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            lock (_output) _output.Append(buffer, 0, read);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
