using System.Collections.Concurrent;
using System.Text.Json;

namespace Cao.TestPlugins;

/// <summary>
/// How a test plugin tells the test what happened: lines appended to <c>records.log</c> in the
/// plugin's own (per-test) folder; and gates the test opens through AppDomain data, which every
/// load context shares.
/// </summary>
internal static class Probe
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(Probe).Assembly.Location)!;
    private static readonly object WriteLock = new();

    public static void Record(string plugin, string line)
    {
        lock (WriteLock)
            File.AppendAllText(Path.Combine(Folder, "records.log"), $"{plugin}|{line}\n");
        // A journal shared by all plugins of one test (keyed by their plugins folder) shows cross-plugin order.
        if (AppDomain.CurrentDomain.GetData($"{Path.GetDirectoryName(Folder)}|journal") is ConcurrentQueue<string> journal)
            journal.Enqueue($"{plugin}|{line}");
    }

    public static void RecordEvent(string plugin, object e) => Record(plugin, "event " + JsonSerializer.Serialize(e, e.GetType()));

    /// <summary>
    /// Blocks the calling thread, never yielding, until the test opens the gate named
    /// <paramref name="name"/>: forever when the test set none. Waits rather than spinning so that
    /// hundreds of stuck hooks do not eat the test machine's cores (and push other plugins' hooks
    /// past their timeouts); to the host it is the same as a busy loop: synchronous, deaf to cancellation.
    /// </summary>
    public static void BlockUntilOpen(string name)
    {
        if (AppDomain.CurrentDomain.GetData($"{Folder}|{name}") is TaskCompletionSource gate)
            gate.Task.Wait();
        else
            Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Completes when the test opens the gate named <paramref name="name"/> (at once if the test set none).</summary>
    public static Task Gate(string name, CancellationToken cancellationToken) =>
        AppDomain.CurrentDomain.GetData($"{Folder}|{name}") is TaskCompletionSource gate
            ? gate.Task.WaitAsync(cancellationToken)
            : Task.CompletedTask;
}
