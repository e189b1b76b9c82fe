namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// Checks a requested agent working directory (reference §3.1 step 3). Agents get write access
/// to their directory, so system locations are refused even when reached through a symlink or
/// <c>..</c>; only the listed directories themselves are blocked, not what lies below them.
/// </summary>
public static class WorkingDirectory
{
    private static readonly HashSet<string> Blocked = new(StringComparer.Ordinal)
    {
        "/", "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/etc", "/var", "/tmp", "/dev", "/proc",
        "/sys", "/root", "/boot", "/lib", "/lib64", "/private/etc", "/private/var", "/private/tmp",
    };

    /// <summary>
    /// The canonical absolute form of <paramref name="requested"/> (the current directory when
    /// null; <c>~</c> is the server user's home).
    /// </summary>
    /// <exception cref="ArgumentException">Blocked, missing, or a file.</exception>
    public static string Resolve(string? requested)
    {
        var path = string.IsNullOrWhiteSpace(requested) ? Environment.CurrentDirectory : requested.Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];

        var canonical = ResolveLinks(Path.GetFullPath(path));
        if (Blocked.Contains(canonical))
            throw new ArgumentException($"Working directory not allowed: {requested} (resolves to the system directory {canonical}).", nameof(requested));
        // A file there is a different mistake from a typo'd path; say which, so the caller knows what to fix.
        if (File.Exists(canonical))
            throw new ArgumentException($"Working directory is a file, not a directory: {requested}.", nameof(requested));
        if (!Directory.Exists(canonical))
            throw new ArgumentException($"Working directory does not exist: {requested}.", nameof(requested));
        return canonical;
    }

    /// <summary>Follows symlinks in every component, as realpath(3) does.</summary>
    private static string ResolveLinks(string fullPath)
    {
        var resolved = Path.GetPathRoot(fullPath) ?? "/";
        foreach (var part in fullPath[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            var info = new DirectoryInfo(next);
            resolved = info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
                ? ResolveLinks(Path.GetFullPath(target.FullName))
                : next;
        }
        return resolved.Length > 1 ? resolved.TrimEnd(Path.DirectorySeparatorChar) : resolved;
    }
}
