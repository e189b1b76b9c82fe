using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Tmux;

public sealed class WorkingDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cao-cwd-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AnExistingDirectoryIsReturnedInCanonicalForm()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;

        Assert.Equal(project, WorkingDirectory.Resolve(project + "/sub/../"));
    }

    [Fact]
    public void SymlinksAreFollowedBeforeChecking()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, project);
        var toEtc = Path.Combine(_root, "etc-link");
        Directory.CreateSymbolicLink(toEtc, "/etc");

        Assert.Equal(project, WorkingDirectory.Resolve(link));
        Assert.Throws<ArgumentException>(() => WorkingDirectory.Resolve(toEtc));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/etc")]
    [InlineData("/tmp")]
    [InlineData("/proc")]
    [InlineData("/usr/bin/")]
    [InlineData("/var/../etc")]
    public void SystemDirectoriesAreRefused(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => WorkingDirectory.Resolve(path));
        Assert.Contains("not allowed", error.Message);
    }

    [Fact]
    public void DirectoriesBelowABlockedOneAreAllowed()
    {
        // The temp root itself lives below /tmp.
        Assert.Equal(_root, WorkingDirectory.Resolve(_root));
    }

    [Fact]
    public void MissingDirectoriesAndFilesAreRefused()
    {
        var file = Path.Combine(_root, "file.txt");
        File.WriteAllText(file, "");

        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => WorkingDirectory.Resolve(Path.Combine(_root, "missing"))).Message);
        Assert.Contains("is a file, not a directory", Assert.Throws<ArgumentException>(() => WorkingDirectory.Resolve(file)).Message);
    }

    [Fact]
    public void TildeMeansTheServerUsersHome()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home is "/root" or "")
            Assert.Throws<ArgumentException>(() => WorkingDirectory.Resolve("~"));
        else
            Assert.Equal(WorkingDirectory.Resolve(home), WorkingDirectory.Resolve("~"));
    }
}
