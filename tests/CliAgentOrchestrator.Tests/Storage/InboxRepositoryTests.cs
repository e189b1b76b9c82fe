using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Storage;

/// <summary>The <c>inbox</c> table against a real SQLite file: queueing, claiming (atomic), and the outcomes of a delivery.</summary>
public sealed class InboxRepositoryTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CaoDatabase _database;
    private readonly InboxRepository _inbox;

    public InboxRepositoryTests()
    {
        _database = new CaoDatabase(new CaoHome(_home.Path).EnsureCreated());
        _inbox = new InboxRepository(_database);
    }

    [Fact]
    public void EnqueuedMessagesArePendingAndListInOrderPerReceiver()
    {
        var first = _inbox.Enqueue("aaaa0001", "bbbb0002", "first", "send_message");
        _inbox.Enqueue("aaaa0001", "cccc0003", "elsewhere", "assign");
        var second = _inbox.Enqueue("aaaa0001", "bbbb0002", "second", "handoff");

        Assert.Equal(("aaaa0001", "bbbb0002", "first", "pending", "send_message"), (first.SenderId, first.ReceiverId, first.Message, first.Status, first.OrchestrationType));
        Assert.False(string.IsNullOrEmpty(first.CreatedAt));
        Assert.True(second.Id > first.Id);
        Assert.Equal(["first", "second"], _inbox.List("bbbb0002", 10, null).Select(m => m.Message));
        Assert.Equal(["first"], _inbox.List("bbbb0002", 1, null).Select(m => m.Message));
        Assert.Equal(["elsewhere"], _inbox.List("cccc0003", 10, "pending").Select(m => m.Message));
        Assert.Empty(_inbox.List("cccc0003", 10, "delivered"));
        Assert.Equal(["bbbb0002", "cccc0003"], _inbox.ReceiversWithWork());
    }

    [Fact]
    public void ClaimTakesTheOldestPendingOfThatReceiverOnly()
    {
        var ids = Enumerable.Range(0, 5).Select(i => _inbox.Enqueue("aaaa0001", "bbbb0002", $"m{i}", "send_message").Id).ToList();
        _inbox.Enqueue("aaaa0001", "cccc0003", "other", "send_message");

        var claimed = _inbox.ClaimPending("bbbb0002", 3);

        Assert.Equal(ids.Take(3), claimed.Select(m => m.Id));
        Assert.All(claimed, m => Assert.Equal("delivering", m.Status));
        Assert.Equal(ids.Skip(3), _inbox.ClaimPending("bbbb0002", 10).Select(m => m.Id));
        Assert.Empty(_inbox.ClaimPending("bbbb0002", 10));
        // Claimed rows still count as work: a delivery that dies leaves them to be recovered.
        Assert.Equal(["bbbb0002", "cccc0003"], _inbox.ReceiversWithWork());
    }

    [Fact]
    public async Task ParallelClaimersTakeEveryRowExactlyOnce()
    {
        const int rows = 500;
        const int claimers = 8;
        for (var i = 0; i < rows; i++)
            _inbox.Enqueue("aaaa0001", "bbbb0002", $"m{i}", "send_message");

        var claims = new ConcurrentBag<long>();
        using var start = new Barrier(claimers);
        var workers = Enumerable.Range(0, claimers).Select(w => Task.Factory.StartNew(() =>
        {
            // A separate repository per worker: separate connections, as racing requests would have.
            var inbox = new InboxRepository(_database);
            start.SignalAndWait();
            while (true)
            {
                var batch = inbox.ClaimPending("bbbb0002", 1 + w % 3);
                if (batch.Count == 0)
                    return;
                foreach (var message in batch)
                    claims.Add(message.Id);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(rows, claims.Count);
        Assert.Equal(rows, claims.Distinct().Count());
        Assert.Empty(_inbox.List("bbbb0002", 1000, "pending"));
        Assert.Equal(rows, _inbox.List("bbbb0002", 1000, "delivering").Count);
    }

    [Fact]
    public async Task QueueingAndDeliveryWritesFromManyThreadsAllLandOnce()
    {
        // The server's shape under load: request threads queueing while a delivery claims and marks,
        // each on its own connection; the process's writes go one at a time and none is lost or doubled.
        const int writers = 8;
        const int perWriter = 150;
        var queued = new ConcurrentBag<long>();
        var delivered = new ConcurrentBag<long>();
        using var start = new Barrier(writers + 1);
        var producers = Enumerable.Range(0, writers).Select(w => Task.Factory.StartNew(() =>
        {
            var inbox = new InboxRepository(_database);
            start.SignalAndWait();
            for (var i = 0; i < perWriter; i++)
                queued.Add(inbox.Enqueue("aaaa0001", "bbbb0002", $"w{w}-{i}", "send_message").Id);
        }, TaskCreationOptions.LongRunning)).ToArray();
        var delivery = Task.Factory.StartNew(() =>
        {
            var inbox = new InboxRepository(_database);
            start.SignalAndWait();
            while (delivered.Count < writers * perWriter)
            {
                foreach (var message in inbox.ClaimPending("bbbb0002", 20))
                {
                    Assert.True(inbox.MarkTyping(message.Id, message.Message, 0));
                    inbox.MarkDelivered([message.Id]);
                    delivered.Add(message.Id);
                }
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll([.. producers, delivery]).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(writers * perWriter, queued.Distinct().Count());
        Assert.Equal(queued.Order(), delivered.Order());
        Assert.Equal(writers * perWriter, _inbox.List("bbbb0002", 10_000, "delivered").Count);
        Assert.Empty(_inbox.ReceiversWithWork());
        Assert.Null(_database.Fault);
    }

    [Fact]
    public void ReleaseMarkFailedAndMarkDeliveredSetStatusAndReason()
    {
        var ids = Enumerable.Range(0, 3).Select(i => _inbox.Enqueue("aaaa0001", "bbbb0002", $"m{i}", "send_message").Id).ToList();
        _inbox.ClaimPending("bbbb0002", 3);

        _inbox.Release([ids[0]], "receiver busy");
        _inbox.MarkFailed([ids[1]], "receiver gone");
        _inbox.MarkDelivered([ids[2]]);

        var byId = _inbox.List("bbbb0002", 10, null).ToDictionary(m => m.Id);
        Assert.Equal(("pending", "receiver busy"), (byId[ids[0]].Status, byId[ids[0]].Error));
        Assert.Equal(("failed", "receiver gone"), (byId[ids[1]].Status, byId[ids[1]].Error));
        Assert.Equal(("delivered", (string?)null), (byId[ids[2]].Status, byId[ids[2]].Error));
        Assert.False(string.IsNullOrEmpty(byId[ids[2]].DeliveredAt));
        Assert.Null(byId[ids[0]].DeliveredAt);
        // A released message is claimable again; failed and delivered ones are not.
        Assert.Equal([ids[0]], _inbox.ClaimPending("bbbb0002", 10).Select(m => m.Id));
        _inbox.MarkDelivered([]); // an empty batch is a no-op, not malformed SQL
    }

    [Fact]
    public void TheTypingMarkerIsWrittenOnlyOnAClaimedRowAndClearedWhenDelivered()
    {
        var ids = Enumerable.Range(0, 3).Select(i => _inbox.Enqueue("aaaa0001", "bbbb0002", $"m{i}", "send_message").Id).ToList();
        Assert.False(_inbox.MarkTyping(ids[0], "m0", 10)); // not claimed: nothing may be typed
        _inbox.ClaimPending("bbbb0002", 2);

        Assert.True(_inbox.MarkTyping(ids[0], "m0 as rewritten", 42));

        var unfinished = _inbox.Unfinished("bbbb0002");
        Assert.Equal([("typing", "m0 as rewritten", (long?)42), ("delivering", null, null)],
            unfinished.Select(m => (m.Status, m.TypedText, m.LogOffset)));
        _inbox.MarkDelivered([ids[0]]);
        _inbox.Release([ids[1]], "requeued");
        Assert.Empty(_inbox.Unfinished("bbbb0002"));
        Assert.Null(_inbox.List("bbbb0002", 10, "delivered").Single().TypedText);
    }

    public void Dispose() => _home.Dispose();
}
