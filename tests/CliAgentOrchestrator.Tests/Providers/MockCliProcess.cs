using System.Diagnostics;
using System.Text;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>The real tools/mock_cli under bash, driven over stdin/stdout (no terminal, so no echo).</summary>
internal sealed class MockCliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public MockCliProcess(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _ = Pump(_process.StandardOutput);
        _ = Pump(_process.StandardError);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public void SendLine(string line)
    {
        _process.StandardInput.Write(line + "\n");
        _process.StandardInput.Flush();
    }

    /// <summary>Polls the output until <paramref name="condition"/> holds; fails with the output after the deadline.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var output = Output;
            if (condition(output)) return output;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("mock_cli output did not match in time:\n" + output);
            await Task.Delay(20);
        }
    }

    public async Task<bool> WaitForExitAsync(double seconds = 10)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try { await _process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
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
