using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>
/// Exactly once across crashes (issue 11): 300 queued messages, the real server process killed with
/// SIGKILL again and again while it types them. Every message must reach the agent once — none lost,
/// none typed twice, none glued to the next for want of its Enter — in each sender's order, and no
/// paste buffer holding message text may stay in tmux.
/// </summary>
public sealed class CrashDeliveryTests(ITestOutputHelper output)
{
    private const int Senders = 3;
    private const int PerSender = 100;
    private const int Total = Senders * PerSender;
    private const int Kills = 10;

    private string _receiver = "";

    private static string Text(int sender, int index) => $"MSG_{(char)('A' + sender)}_{index:D3}";

    [Fact]
    public async Task ThreeHundredMessagesSurviveTenKillNinesExactlyOnceInOrder()
    {
        var clock = Stopwatch.StartNew();
        await using var server = new CaoServerProcess();
        await server.StartAsync();
        using (var created = await server.Http.PostAsync($"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}", null))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            _receiver = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        }
        var log = server.Home.TerminalLogFile(_receiver);

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                using var posted = await server.Http.PostAsJsonAsync($"/terminals/{_receiver}/inbox/messages", new { sender_id = $"5e0000{s:D2}", message = Text(s, i) });
                posted.EnsureSuccessStatusCode();
            }
        })));

        // Kill at two kinds of moments, alternately: right after an answer appeared (anywhere in
        // the typing loop), and while a row is marked typing (between the marker and the mark,
        // where the old batch was typed again and a line could lose its Enter).
        for (var kill = 0; kill < Kills; kill++)
        {
            var target = Math.Min(Total - 1, (kill + 1) * Total / (Kills + 3));
            await UntilAsync(server, log, () => TerminalLog.Answers(log).Count >= target, $"{target} answers before kill {kill + 1}", TimeSpan.FromSeconds(60));
            if (kill % 2 == 1)
                await UntilAsync(server, log, () => CountRows(server, "typing") > 0 || TerminalLog.Answers(log).Count >= Total, "a message being typed", TimeSpan.FromSeconds(30));
            await server.KillAsync();
            output.WriteLine($"kill {kill + 1} at {TerminalLog.Answers(log).Count} answers, {clock.Elapsed.TotalSeconds:F1} s");
            await server.StartAsync();
        }

        await UntilAsync(server, log, () => CountRows(server, "delivered") == Total && TerminalLog.Answers(log).Count >= Total,
            $"all {Total} messages delivered and answered", TimeSpan.FromSeconds(90));

        var answers = TerminalLog.Answers(log);
        var expected = Enumerable.Range(0, Senders).SelectMany(s => Enumerable.Range(0, PerSender).Select(i => Text(s, i))).ToHashSet();
        var merged = answers.Where(a => !expected.Contains(a)).ToList();
        var duplicated = answers.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var lost = expected.Except(answers).ToList();
        output.WriteLine($"{Kills} kills, {clock.Elapsed.TotalSeconds:F1} s: {answers.Count} answers, {lost.Count} lost, {duplicated.Count} duplicated, {merged.Count} merged");
        Assert.Empty(merged);
        Assert.Empty(duplicated);
        Assert.Empty(lost);
        for (var s = 0; s < Senders; s++)
        {
            var prefix = Text(s, 0)[..6];
            Assert.Equal(Enumerable.Range(0, PerSender).Select(i => Text(s, i)), answers.Where(a => a.StartsWith(prefix, StringComparison.Ordinal)));
        }
        Assert.Equal(Total, CountRows(server, "delivered"));
        Assert.Empty(await server.Tmux.ListBuffersAsync());
    }

    // Every wait of the test: when one runs out, the output says where delivery stood.
    private async Task UntilAsync(CaoServerProcess server, string log, Func<bool> condition, string what, TimeSpan timeout)
    {
        try
        {
            await Poll.UntilAsync(condition, what, timeout);
        }
        catch (TimeoutException)
        {
            Describe(server, log);
            throw;
        }
    }

    // Where delivery stood when a wait ran out: the inbox rows by state, the server log's last lines, the pane's last output.
    private void Describe(CaoServerProcess server, string log)
    {
        output.WriteLine($"answers {TerminalLog.Answers(log).Count}; rows: " + string.Join(", ", new[] { "pending", "delivering", "typing", "delivered", "failed" }.Select(st => $"{st} {CountRows(server, st)}")));
        foreach (var file in ServerLogFiles.Paths(server.Home))
            output.WriteLine(string.Join("\n", File.ReadLines(file).Where(l => !l.Contains(" DBG ", StringComparison.Ordinal) && !l.Contains(" VRB ", StringComparison.Ordinal)).TakeLast(15)));
        var text = TerminalLog.Read(log);
        output.WriteLine(text[Math.Max(0, text.Length - 1500)..]);
    }

    private int CountRows(CaoServerProcess server, string status)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.Home.DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox WHERE receiver_id = $receiver AND status = $status";
        command.Parameters.AddWithValue("$receiver", _receiver);
        command.Parameters.AddWithValue("$status", status);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
