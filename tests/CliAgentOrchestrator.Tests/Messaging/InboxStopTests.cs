using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Hosting;
using CliAgentOrchestrator.Core.Inbox;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>
/// Stopping the inbox while other threads keep waking deliveries, as status edges and new messages do
/// at any server shutdown: no delivery starts once the stop began, nothing is logged as an error, and
/// messages not delivered stay pending for the next server.
/// </summary>
public sealed class InboxStopTests
{
    private const int Receivers = 8;
    private const int MessagesPerReceiver = 3;
    private const int Wakers = 4;
    // The race is between a delivery pass starting and the stop; one stop rarely hits it, thirty do.
    private const int Stops = 30;
    // Wake-ups each waker makes before the stop and again after the service was disposed.
    private const int WakesAroundTheStop = 200;

    [Fact]
    public async Task StoppingWhileOtherThreadsWakeDeliveriesLogsNoErrorAndLeavesMessagesPending()
    {
        for (var stop = 0; stop < Stops; stop++)
            await StopWhileWakingAsync();
    }

    private static async Task StopWhileWakingAsync()
    {
        using var home = new TempDirectory();
        var logs = new CapturingLoggerProvider();
        var configuration = TestConfiguration.From(
            (CaoSettings.Home.Variable, home.Path),
            (CaoSettings.TmuxSocket.Variable, "cao-it-unused-" + Guid.NewGuid().ToString("N")[..8]));
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddCaoCore(configuration)
            .BuildServiceProvider();

        // Receivers with a row but no tracked terminal: every delivery pass reads the database, finds the
        // status unknown and leaves the messages pending, so passes are short and many race the stop.
        var receivers = Enumerable.Range(0, Receivers).Select(i => $"ab{i:D6}").ToList();
        var terminals = services.GetRequiredService<TerminalRepository>();
        var rows = services.GetRequiredService<InboxRepository>();
        foreach (var receiver in receivers)
        {
            terminals.Insert(new TerminalRecord { Id = receiver, SessionName = "cao-stop", WindowName = receiver, Provider = "mock_cli" });
            for (var m = 0; m < MessagesPerReceiver; m++)
                rows.Enqueue("5e000001", receiver, $"m{m}", "send_message");
        }

        var inbox = services.GetRequiredService<InboxService>();
        await inbox.StartAsync(CancellationToken.None);
        var thrown = new ConcurrentQueue<Exception>();
        var wakes = new int[Wakers];
        var disposed = false;
        var wakers = Enumerable.Range(0, Wakers).Select(w => Task.Factory.StartNew(() =>
        {
            // Until the service is gone and this waker has woken it WakesAroundTheStop more times.
            var afterDispose = 0;
            while (afterDispose < WakesAroundTheStop)
            {
                try
                {
                    inbox.Wake(receivers[wakes[w] % Receivers]);
                }
                catch (Exception ex)
                {
                    thrown.Enqueue(ex);
                }
                Interlocked.Increment(ref wakes[w]);
                if (Volatile.Read(ref disposed))
                    afterDispose++;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Poll.UntilAsync(() => Enumerable.Range(0, Wakers).All(w => Volatile.Read(ref wakes[w]) >= WakesAroundTheStop), "every waker running");
        await inbox.StopAsync(CancellationToken.None);
        inbox.Dispose();
        Volatile.Write(ref disposed, true);
        await Task.WhenAll(wakers).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(thrown);
        var errors = logs.Logs.Where(l => l.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        foreach (var receiver in receivers)
            Assert.Equal(Enumerable.Repeat(InboxStatuses.Pending, MessagesPerReceiver), rows.List(receiver, 100, null).Select(m => m.Status));
    }
}
