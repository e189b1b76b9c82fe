using System.Diagnostics;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>Runs <c>dotnet publish -c Release -o &lt;folder&gt;</c> on a plugin project, reporting each output line.</summary>
public static class DotnetPublisher
{
    public static async Task PublishAsync(string project, string outputFolder, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", outputFolder, "-nologo", "-v", "q", "-clp:NoSummary" })
            start.ArgumentList.Add(argument);
        // A build server left running would outlive this command and keep the user's terminal busy.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = new Process { StartInfo = start };
        var errors = new List<string>();
        void OnLine(string? line, bool isError)
        {
            if (string.IsNullOrWhiteSpace(line))
                return;
            if (isError || line.Contains(": error ", StringComparison.Ordinal))
            {
                lock (errors)
                    errors.Add(line.Trim());
            }
            progress?.Report(line.Trim());
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data, false);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, true);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InstallationException("`dotnet` was not found on PATH; install the .NET 10 SDK to install a plugin from its project", ex);
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
        if (process.ExitCode != 0)
        {
            string first;
            lock (errors)
                first = errors.FirstOrDefault() ?? $"exit code {process.ExitCode}";
            throw new InstallationException($"dotnet publish of {project} failed: {first} — fix the build (try `dotnet build {project}`) and install again");
        }
    }
}
