namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Points HOME at an empty folder while it lives, so the login shells of windows opened meanwhile
/// read no profile. It separates what CAO costs from what the machine's profile costs: on this
/// machine the profile runs <c>pyenv init</c>, whose rehash takes a lock that makes parallel shells
/// start one after another.
/// </summary>
internal sealed class EmptyHome : IDisposable
{
    private readonly string? _previous = Environment.GetEnvironmentVariable("HOME");
    private readonly string _folder = Directory.CreateTempSubdirectory("cao-bench-home-").FullName;

    public EmptyHome() => Environment.SetEnvironmentVariable("HOME", _folder);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HOME", _previous);
        Directory.Delete(_folder, recursive: true);
    }
}
