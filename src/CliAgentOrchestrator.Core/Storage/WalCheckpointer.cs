using CliAgentOrchestrator.Core.Errors;
using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>
/// Keeps WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
/// commit takes the log past 1,000 pages, and a checkpoint syncs the log and the database file: that
/// commit waited for the disk, and with writes taking turns so did every writer behind it (inbox
/// <c>POST</c>s under load: half the rate, three times the p99; docs/performance.md, row e). CAO's
/// connections turn the automatic checkpoint off, and this class checkpoints on a thread of its own
/// every <see cref="WritesPerCheckpoint"/> committed writes, without the write lock, so writes go on
/// meanwhile.
/// </summary>
/// <remarks>
/// The log starts again from its beginning at the first write after a checkpoint that copied all of
/// it. A checkpoint running beside writes never does (they add to the log while it copies), so under
/// unbroken load the log would only grow. When a checkpoint leaves the log longer than
/// <see cref="CatchUpFrames"/> pages, a second one copies the rest holding the write lock: writers wait
/// for it once in a while, and the log starts again.
/// </remarks>
internal sealed class WalCheckpointer(Func<SqliteConnection> open, Lock writeGate)
{
    /// <summary>A write adds about three pages to the log (the row and two index entries); 250 writes,
    /// about SQLite's own 1,000 pages.</summary>
    public const int WritesPerCheckpoint = 250;

    /// <summary>About 40 MiB of 4 KiB pages: at most one checkpoint under the write lock in every 3,000 writes or so.</summary>
    public const int CatchUpFrames = 10_000;

    private int _writes;
    private int _running;
    private int _completed;

    /// <summary>Checkpoints finished since the start (a test's signal that one ran).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Called after each committed write; starts a checkpoint when enough writes have accumulated.</summary>
    public void Written()
    {
        if (Interlocked.Increment(ref _writes) < WritesPerCheckpoint || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            return;
        Volatile.Write(ref _writes, 0);
        _ = Task.Run(Checkpoint);
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = open();
            var (log, copied) = Passive(connection);
            if (log > CatchUpFrames && copied < log)
            {
                lock (writeGate)
                    Passive(connection);
            }
            Interlocked.Increment(ref _completed);
        }
        catch (Exception ex) when (ex is SqliteException or StorageUnavailableException)
        {
            // The next checkpoint tries again. A disk that fails writes is reported by the writes
            // themselves (/health); until then the log only grows, as it would without this class.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    // PASSIVE: copies what it can without waiting for readers or writers. Returns the log's length and
    // how much of it is now in the database file, in pages.
    private static (long Log, long Copied) Passive(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }
}
