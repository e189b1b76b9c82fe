using System.Diagnostics;
using System.Text;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>
/// <c>cao plugin-host</c>: the child process an isolated plugin runs in. Stdin and stdout carry the
/// protocol (docs/plugin-protocol.md); stderr is free text the server logs. The child ends when the
/// server closes stdin, when the server's process is gone, or when the plugin hits its memory cap.
/// </summary>
public static class PluginRunner
{
    private static readonly byte[] MemoryLimitLine = Encoding.UTF8.GetBytes("cao plugin-host: the plugin reached its memory limit (OutOfMemoryException); exiting\n");
    private static Stream? _stderr;

    /// <param name="parentPid">The server's process id: the child exits when that process is gone.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(int? parentPid)
    {
        var sendTo = Console.OpenStandardOutput();
        var receiveFrom = Console.OpenStandardInput();
        _stderr = Console.OpenStandardError();
        // A plugin's Console.WriteLine must not corrupt the wire: ordinary console output goes to stderr.
        Console.SetOut(Console.Error);
        AppDomain.CurrentDomain.FirstChanceException += (_, args) =>
        {
            if (args.Exception is OutOfMemoryException)
                ExitOnMemoryLimit();
        };
        if (parentPid is { } pid)
            WatchParent(pid);

        using var logs = new RemoteLoggerFactory();
        var state = new RemoteState();
        var session = new RunnerSession(logs, state);
        using var rpc = RpcConnection.Open(sendTo, receiveFrom, session);
        state.Rpc = rpc;
        logs.Start(rpc);
        rpc.StartListening();
        try
        {
            await rpc.Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A broken pipe ends the session like a closed one.
        }
        // The server closed the wire: tear down (once) if it did not ask, so the plugin can finish its work.
        var teardown = session.TeardownOnceAsync();
        await Task.WhenAny(teardown, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        await logs.FlushAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        return 0;
    }

    private static void ExitOnMemoryLimit()
    {
        // No allocation here: the heap is full. The message is ready, the stream is open.
        try
        {
            _stderr?.Write(MemoryLimitLine);
            _stderr?.Flush();
        }
        catch (IOException)
        {
        }
        Environment.Exit(PluginProtocol.MemoryLimitExitCode);
    }

    // A dedicated thread, not a timer: a plugin that starves the thread pool must not keep an orphan alive.
    private static void WatchParent(int pid)
    {
        var watcher = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
                if (!IsRunning(pid))
                    Environment.Exit(0);
            }
        })
        { IsBackground = true, Name = "cao plugin-host parent watch" };
        watcher.Start();
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
