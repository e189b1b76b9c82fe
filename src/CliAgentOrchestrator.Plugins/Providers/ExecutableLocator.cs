namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>Finds executables on <c>PATH</c>, the way the pane's shell would.</summary>
public static class ExecutableLocator
{
    /// <summary>The absolute path of <paramref name="name"/>, or null when it is not on PATH.</summary>
    /// <param name="name">A bare command name, or a path (returned as-is when the file exists).</param>
    /// <param name="pathVariable">The PATH to search; the process's PATH when null.</param>
    public static string? Find(string name, string? pathVariable = null)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        if (name.Contains('/')) return File.Exists(name) ? Path.GetFullPath(name) : null;
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string file)
    {
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}
