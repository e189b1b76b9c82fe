using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Storage;

/// <summary>Checkpoints of the write-ahead log run in the background, never in a writer's commit, and the log does not grow without bound.</summary>
public sealed class WalCheckpointTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CaoDatabase _database;

    public WalCheckpointTests() => _database = new CaoDatabase(new CaoHome(_home.Path).EnsureCreated());

    [Fact]
    public void ConnectionsNeverCheckpointInTheirOwnCommits()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void EveryOpenedConnectionCommitsWithoutAnFsyncAndWithoutACheckpointFreshOrReusedFromThePool()
    {
        // The pragmas run once per SQLite connection; the pool hands the same one out again, and two
        // opened at once are two connections.
        for (var round = 0; round < 3; round++)
        {
            using var first = _database.Open();
            using var second = _database.Open();
            foreach (var connection in new[] { first, second })
            {
                Assert.Equal(1L, Pragma(connection, "synchronous")); // NORMAL
                Assert.Equal(0L, Pragma(connection, "wal_autocheckpoint"));
                Assert.Equal(CaoDatabase.WalSizeLimit, Pragma(connection, "journal_size_limit"));
            }
        }
    }

    private static long Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task TheLogIsCheckpointedInTheBackgroundAndStartsAgainInsteadOfGrowing()
    {
        const int rounds = 4;
        var inbox = new InboxRepository(_database);
        var text = new string('x', 1024);
        var logSizes = new List<long>();
        for (var round = 0; round < rounds; round++)
        {
            var checkpoints = _database.CheckpointsCompleted;
            for (var i = 0; i < WalCheckpointer.WritesPerCheckpoint; i++)
                inbox.Enqueue("aaaa0001", "bbbb0002", text, "send_message");
            await Poll.UntilAsync(() => _database.CheckpointsCompleted > checkpoints, $"a checkpoint after round {round}");
            logSizes.Add(new FileInfo(_database.Path + "-wal").Length);
        }

        // Each round's rows are in the database file, and the log was written again from its beginning:
        // without checkpoints it would hold all four rounds' pages, four times the first round's.
        Assert.True(new FileInfo(_database.Path).Length > rounds * WalCheckpointer.WritesPerCheckpoint * text.Length,
            $"the database file holds the rows ({new FileInfo(_database.Path).Length} bytes)");
        Assert.True(logSizes[^1] < 2 * logSizes[0], $"log sizes after each round: {string.Join(", ", logSizes)}");
        Assert.Equal(rounds * WalCheckpointer.WritesPerCheckpoint, inbox.List("bbbb0002", int.MaxValue, null).Count);
    }

    [Fact]
    public async Task ALogThatGrewUnderABurstIsCutBackWhenItStartsAgain()
    {
        // 250 writes of 64 KiB grow the log to about 16 MiB before the background checkpoint copies it.
        var inbox = new InboxRepository(_database);
        var text = new string('x', 64 * 1024);
        var checkpoints = _database.CheckpointsCompleted;
        for (var i = 0; i < WalCheckpointer.WritesPerCheckpoint; i++)
            inbox.Enqueue("aaaa0001", "bbbb0002", text, "send_message");
        var grown = new FileInfo(_database.Path + "-wal").Length;
        Assert.True(grown > 2 * CaoDatabase.WalSizeLimit, $"the burst grew the log to {grown} bytes");
        await Poll.UntilAsync(() => _database.CheckpointsCompleted > checkpoints, "the checkpoint after the burst");

        inbox.Enqueue("aaaa0001", "bbbb0002", "after the burst", "send_message"); // the log starts again here

        var after = new FileInfo(_database.Path + "-wal").Length;
        Assert.True(after <= CaoDatabase.WalSizeLimit, $"the log is {after} bytes after starting again (it had grown to {grown})");
        Assert.Equal(WalCheckpointer.WritesPerCheckpoint + 1, inbox.List("bbbb0002", int.MaxValue, null).Count);
    }

    public void Dispose() => _home.Dispose();
}
