using CliAgentOrchestrator.Api;

namespace CliAgentOrchestrator.Terminals;

/// <summary>Where an agent may be started: an existing directory that is not a system directory.</summary>
public static class WorkingDirectories
{
    private static readonly HashSet<string> Blocked = new(StringComparer.Ordinal)
    {
        "/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root/.ssh", "/sbin", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/sbin", "/var",
    };

    /// <summary>The canonical directory, or a 400 that says what is wrong.</summary>
    public static string Resolve(string? requested)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(requested) ? Directory.GetCurrentDirectory() : requested);
        if (File.Exists(path))
            throw ApiException.BadRequest($"Working directory '{path}' is a file, not a directory");
        if (!Directory.Exists(path))
            throw ApiException.BadRequest($"Working directory '{path}' does not exist");
        var canonical = new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        canonical = Path.TrimEndingDirectorySeparator(canonical);
        if (canonical.Length == 0 || Blocked.Contains(canonical))
            throw ApiException.BadRequest($"Working directory '{canonical}' is a system directory; start agents in a project directory");
        return canonical;
    }
}
