using System.Net;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Server;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>The server's log file: its level, what it must never hold, and how exceptions look in it.</summary>
public sealed class ServerLogFileTests
{
    [Fact]
    public async Task AtTheDefaultLevelMessageTextFromQueryStringsNeverReachesTheFile()
    {
        await using var server = await CaoTestServer.StartWithSettingsAsync(new Dictionary<string, string>());
        var probe = "LOGPROBE-" + Guid.NewGuid().ToString("N");

        using (var answer = await server.Http.PostAsync($"/terminals/abcd1234/input?message={probe}&sender_id=aaaa1111", null))
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        using (var health = await server.Http.GetAsync($"/health?note={probe}"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // The 404 is logged at Information by CAO itself: once it is in the file, so is anything before it.
        await Poll.UntilAsync(() => LogText(server).Contains("/terminals/abcd1234/input", StringComparison.Ordinal), "the 404 to be logged");

        var log = LogText(server);
        Assert.DoesNotContain(probe, log);
        Assert.DoesNotContain("Request starting", log);
        Assert.Contains("Loaded CAO plugin: events", log); // the built-in event stream, logged at start-up
        Assert.Single(Directory.GetFiles(server.Home.LogDirectory, "cao-*.log")); // rolling file names: cao-yyyyMMdd.log
    }

    [Fact]
    public async Task TheFileFollowsTheConfiguredLevel()
    {
        await using var server = await CaoTestServer.StartWithSettingsAsync(new Dictionary<string, string> { [CaoSettings.LogLevel.Variable] = "Warning" });
        var logger = server.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CaoLogProbe");
        logger.LogInformation("information-line-that-must-not-be-written");
        logger.LogWarning("warning-line-that-must-be-written");

        await Poll.UntilAsync(() => LogText(server).Contains("warning-line-that-must-be-written", StringComparison.Ordinal), "the warning in the file");

        var log = LogText(server);
        Assert.DoesNotContain("information-line-that-must-not-be-written", log);
        Assert.DoesNotContain(" INF ", log);
        Assert.DoesNotContain(" DBG ", log);
    }

    [Fact]
    public async Task AnExceptionIsItsMessageLineThenTheStackOnTheLinesBelow()
    {
        await using var server = await CaoTestServer.StartWithSettingsAsync(new Dictionary<string, string>());
        var logger = server.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CaoLogProbe");
        try
        {
            throw new InvalidOperationException("probe exploded");
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "probe failed");
        }

        await Poll.UntilAsync(() => LogText(server).Contains("probe exploded", StringComparison.Ordinal), "the exception in the file");

        var lines = LogText(server).Split('\n').SkipWhile(l => !l.Contains("probe failed", StringComparison.Ordinal)).ToList();
        Assert.EndsWith("WRN CaoLogProbe: probe failed", lines[0].TrimEnd('\r'));
        Assert.Equal("System.InvalidOperationException: probe exploded", lines[1].TrimEnd('\r'));
        Assert.StartsWith("   at ", lines[2]);
    }

    [Fact]
    public void RollingFilesAreCappedBySizeAndCountAsDocumented()
    {
        Assert.Equal(10 * 1024 * 1024, ServerLogging.FileSizeLimitBytes);
        Assert.Equal(7, new ServerOptions().LogRetainedFiles);
        var docs = File.ReadAllText(RepositoryFiles.Path("docs", "operations.md"));
        Assert.Contains("## Logs", docs);
        Assert.Contains("CAO_LOG_RETAINED_FILES", docs);
        Assert.Contains("CAO_LOG_LEVEL", docs);
    }

    private static string LogText(CaoTestServer server) => ServerLogFiles.ReadAll(server.Home);
}
