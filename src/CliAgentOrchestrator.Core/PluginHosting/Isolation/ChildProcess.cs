using System.Diagnostics;
using System.Globalization;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>One run of <c>cao plugin-host</c>: the process, the JSON-RPC connection over its stdio, and the tail of its stderr.</summary>
internal sealed class ChildProcess : IDisposable
{
    private const int TailLines = 200;
    private readonly Queue<string> _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _killReason;

    private ChildProcess(Process process, JsonRpc rpc)
    {
        Process = process;
        Rpc = rpc;
        Pid = process.Id;
    }

    public Process Process { get; }
    public JsonRpc Rpc { get; }
    public int Pid { get; }

    /// <summary>Completes when the process has exited (and its stderr is read to the end).</summary>
    public Task Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Why the server killed the child, when it did.</summary>
    public string? KillReason => Volatile.Read(ref _killReason);

    public static ChildProcess Start(RunnerCommand command, string folder, int memoryLimitMb, string pluginName, ILogger logger, object serverTarget)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("plugin-host");
        start.ArgumentList.Add("--plugin");
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        // The cap applies to the managed heap; past it allocations throw OutOfMemoryException, which the runner turns into its exit.
        if (memoryLimitMb > 0)
            start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)memoryLimitMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0"; // one small heap per child, not one per core
        start.Environment.Remove("DOTNET_GCHeapHardLimitPercent");

        var process = Process.Start(start) ?? throw new IsolatedPluginException($"could not start {command.FileName}");
        var rpc = RpcConnection.Open(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, serverTarget);
        var child = new ChildProcess(process, rpc);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                _ = child.WatchExitAsync();
                return;
            }
            lock (child._stderr)
            {
                child._stderr.Enqueue(line.Data);
                if (child._stderr.Count > TailLines)
                    child._stderr.Dequeue();
            }
            if (!line.Data.StartsWith("   at ", StringComparison.Ordinal))
                logger.LogWarning("Isolated plugin '{Plugin}' (pid {Pid}) wrote to stderr: {Line}", pluginName, child.Pid, line.Data);
        };
        process.BeginErrorReadLine();
        rpc.StartListening();
        return child;
    }

    private async Task WatchExitAsync()
    {
        await Process.WaitForExitAsync().ConfigureAwait(false);
        _exited.TrySetResult();
    }

    /// <summary>Kills the child by its PID (and anything it started), remembering why.</summary>
    public void Kill(string reason)
    {
        Interlocked.CompareExchange(ref _killReason, reason, null);
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Why the child ended, for the log and <c>last_crash_reason</c>.</summary>
    public string DescribeExit(int memoryLimitMb)
    {
        if (KillReason is { } killed)
            return killed;
        var code = Process.HasExited ? Process.ExitCode : -1;
        var said = Said();
        // The cap can also end the process in the runtime itself (an allocation the runtime cannot fail gracefully).
        var outOfMemory = code == PluginProtocol.MemoryLimitExitCode
            || (said is not null && (said.Contains("Out of memory", StringComparison.OrdinalIgnoreCase) || said.Contains("OutOfMemoryException", StringComparison.Ordinal)));
        var what = code switch
        {
            _ when outOfMemory => $"reached its memory limit of {memoryLimitMb} MB",
            134 => "aborted (SIGABRT)",
            137 => "was killed (SIGKILL)",
            139 => "crashed (SIGSEGV)",
            _ => $"exited with code {code}",
        };
        return said is null || outOfMemory ? what : $"{what}: {said}";
    }

    // The line that says what happened: a runtime's last words when there are some, else the last line.
    private string? Said()
    {
        string[] lines;
        lock (_stderr)
            lines = [.. _stderr];
        string[] markers = ["Stack overflow", "Unhandled exception", "Process terminated", "Out of memory", "OutOfMemoryException", "memory limit"];
        var index = Array.FindLastIndex(lines, l => markers.Any(m => l.Contains(m, StringComparison.Ordinal)));
        if (index < 0)
            index = Array.FindLastIndex(lines, l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        if (index < 0)
            return null;
        var line = lines[index].Trim();
        // FailFast says "Process terminated." and its message on the next line.
        if (line == "Process terminated." && index + 1 < lines.Length)
            line += " " + lines[index + 1].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    public void Dispose()
    {
        Rpc.Dispose();
        Process.Dispose();
    }
}
