using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Storage;

/// <summary>Storage faults under a running server (issue 11): a lost write is never answered 200, and a failed mark after typing is retried.</summary>
public sealed class DatabaseFaultTests
{
    [Fact]
    public async Task ADeletedDatabaseMakesWritesAnswer503AndHealthUnhealthy()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var database = server.Home.DatabaseFile;

        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(file);

        // Before: a pooled connection kept writing into the unlinked file and answered 200.
        var posted = await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "5e000001", message = "lost?" }, HttpStatusCode.ServiceUnavailable);
        Assert.Contains(database, posted["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("deleted", posted["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var health = (await server.GetJsonAsync("/health", HttpStatusCode.ServiceUnavailable)).AsObject();
        Assert.Equal("unhealthy", health["status"]!.GetValue<string>());
        Assert.StartsWith("unavailable: ", health["components"]!["storage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMarkThatFailsAfterTypingIsRetriedAndTheMessageTypedOnce()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(receiver, "idle", "completed");
        // A full disk for the first three attempts to mark the message delivered (SQLITE_FULL = 13).
        var failures = 0;
        server.Services.GetRequiredService<CaoDatabase>().WriteFault = sql =>
            sql.Contains("status = 'delivered'", StringComparison.Ordinal) && Interlocked.Increment(ref failures) <= 3
                ? new SqliteException("database or disk is full", 13)
                : null;

        await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "5e000001", message = "typed-once" });

        var inbox = server.Services.GetRequiredService<InboxRepository>();
        await Poll.UntilAsync(() => inbox.List(receiver, 10, InboxStatuses.Delivered).Count == 1, "the message marked delivered");
        Assert.True(failures >= 4, $"the mark was tried {failures} times");
        await Poll.UntilAsync(() => TerminalLog.Answers(server, receiver).Contains("typed-once"), "the answer");
        Assert.Single(TerminalLog.Answers(server, receiver), a => a == "typed-once");
        Assert.Null(inbox.List(receiver, 10, null).Single().Error);
        var serverLog = ServerLogFiles.ReadAll(server.Home);
        Assert.DoesNotContain("could not be typed", serverLog, StringComparison.Ordinal);
        // The fault is over: health is ok again.
        var health = (await server.GetJsonAsync("/health")).AsObject();
        Assert.Equal("ok", health["status"]!.GetValue<string>());
    }
}
