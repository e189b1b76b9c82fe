using CliAgentOrchestrator.Core.Configuration;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>The server's own log files (<c>$CAO_HOME_DIR/logs/cao-yyyyMMdd*.log</c>), read while the server may still write them.</summary>
public static class ServerLogFiles
{
    public static IReadOnlyList<string> Paths(CaoHome home) => Directory.GetFiles(home.LogDirectory, "cao-*.log").Order(StringComparer.Ordinal).ToList();

    /// <summary>All of the server's log; fails when there is none, so a check that something is absent cannot pass on nothing.</summary>
    public static string ReadAll(CaoHome home)
    {
        var paths = Paths(home);
        Assert.NotEmpty(paths);
        return string.Concat(paths.Select(ReadShared));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
