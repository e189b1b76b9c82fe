using System.Runtime.CompilerServices;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// Gives the test run an empty HOME of its own before any test starts. Every tmux window a test
/// opens runs the login shell, which reads the profile in HOME; a developer machine's profile may do
/// anything (this one runs <c>pyenv init</c>, whose rehash lock is left behind when a test kills a shell
/// mid-rehash, after which every login shell waits 60 s). Tests must not depend on that. dotnet and
/// NuGet keep the real caches, so the plugin builds inside tests stay offline and fast.
/// </summary>
internal static class TestUserHome
{
    // CA2255 warns that libraries should not run code on load; a test assembly is the exception it
    // names: this must happen before the first test starts a process.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseEmptyHome()
    {
        var realHome = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(realHome))
            return;
        var home = Directory.CreateTempSubdirectory("cao-tests-home-").FullName;
        KeepIfUnset("DOTNET_CLI_HOME", realHome);
        KeepIfUnset("NUGET_PACKAGES", Path.Combine(realHome, ".nuget", "packages"));
        Environment.SetEnvironmentVariable("HOME", home);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(home);
    }

    private static void KeepIfUnset(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            Environment.SetEnvironmentVariable(variable, value);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a process a test started may still hold a file; the temp folder is the OS's to clean
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
