using System.Diagnostics;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>Runs <c>dotnet build</c> (Debug) on a plugin project and returns its output folder, for linked plugins.</summary>
public static class DotnetBuilder
{
    public static async Task<string> BuildAsync(string project, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        // -getProperty with an explicit target prints the property's value after the build, alone on stdout.
        foreach (var argument in new[] { "build", project, "-c", "Debug", "-t:Build", "-getProperty:TargetDir", "-nologo", "-v", "q" })
            start.ArgumentList.Add(argument);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = new Process { StartInfo = start };
        var lines = new List<string>();
        void OnLine(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
                return;
            lock (lines)
                lines.Add(line.Trim());
            progress?.Report(line.Trim());
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InstallationException("`dotnet` was not found on PATH; install the .NET 10 SDK to build a plugin project", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (lines)
        {
            if (process.ExitCode != 0)
            {
                var first = lines.FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? $"exit code {process.ExitCode}";
                throw new InstallationException($"dotnet build of {project} failed: {first}");
            }
            var folder = lines.LastOrDefault(l => Path.IsPathRooted(l) && Directory.Exists(l))
                ?? throw new InstallationException($"dotnet build of {project} did not say where it put its output; build it yourself and link the output folder (bin/Debug/net10.0)");
            return Path.TrimEndingDirectorySeparator(folder);
        }
    }
}
