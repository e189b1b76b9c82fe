using System.Globalization;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Storage;

/// <summary>A database the server cannot use at start is one line naming the file and the remedy, and a non-zero exit (the real process).</summary>
public sealed class DatabaseStartupTests : IDisposable
{
    private readonly TempDirectory _home = new();

    [Fact]
    public async Task ACorruptDatabaseStopsTheServerWithOneLineNamingTheFile()
    {
        var home = new CaoHome(_home.Path).EnsureCreated();
        Directory.CreateDirectory(Path.GetDirectoryName(home.DatabaseFile)!);
        await File.WriteAllTextAsync(home.DatabaseFile, new string('x', 8192)); // not an SQLite file

        var (exitCode, _, stderr) = await CaoProcess.RunAsync(new Dictionary<string, string>
        {
            [CaoSettings.Home.Variable] = home.Root,
            [CaoSettings.ApiPort.Variable] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            [CaoSettings.TmuxSocket.Variable] = "cao-it-" + Guid.NewGuid().ToString("N")[..10],
        }, "server");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(CaoProcess.Lines(stderr));
        Assert.StartsWith("error: The database " + home.DatabaseFile + " is corrupt", line, StringComparison.Ordinal);
        Assert.Contains("move the file away", line, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();
}
