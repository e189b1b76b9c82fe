using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// Runs the <c>tmux</c> executable, one process per command, arguments passed as a list so no
/// shell ever re-parses names, paths or pasted text. Every method targets sessions and windows
/// exactly (<see cref="TmuxTarget"/>). A failing command throws <see cref="TmuxCommandException"/>
/// with tmux's stderr. Thread-safe: the instance holds no mutable state besides a cached version.
/// </summary>
public sealed partial class TmuxClient
{
    /// <summary>How long one tmux command may take before it is stopped and reported as failed.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    private readonly string _executable;
    private readonly TimeSpan _commandTimeout;
    private Version? _version; // cached: the server version cannot change under a running client

    /// <param name="socketName">tmux <c>-L</c> socket name; null selects tmux's default server.</param>
    /// <param name="executable">The tmux binary, resolved through PATH when not rooted.</param>
    /// <param name="commandTimeout">How long one command may take; <see cref="DefaultCommandTimeout"/> when null.</param>
    public TmuxClient(string? socketName = null, string executable = "tmux", TimeSpan? commandTimeout = null)
    {
        SocketName = string.IsNullOrEmpty(socketName) ? null : socketName;
        _executable = executable;
        _commandTimeout = commandTimeout ?? DefaultCommandTimeout;
    }

    /// <summary>The <c>-L</c> socket name, or null for tmux's default server.</summary>
    public string? SocketName { get; }

    /// <summary>The tmux version (<c>tmux -V</c>), e.g. 3.3 for "tmux 3.3a".</summary>
    public async Task<Version> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        if (_version is { } known)
            return known;
        var output = await RunAsync(["-V"], cancellationToken: cancellationToken).ConfigureAwait(false);
        _version = ParseVersion(output);
        return _version;
    }

    internal static Version ParseVersion(string output)
    {
        // "tmux 3.3a", "tmux next-3.6", "tmux 3.5": keep major.minor, ignore letters and prefixes.
        var digits = new string(output.SkipWhile(c => !char.IsDigit(c)).TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return Version.TryParse(digits.Contains('.') ? digits : digits + ".0", out var version) ? version : new Version(0, 0);
    }

    /// <summary>Runs one tmux command and returns its standard output.</summary>
    internal async Task<string> RunAsync(
        IReadOnlyList<string> arguments,
        byte[]? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(arguments, standardInput, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new TmuxCommandException(result.Arguments, result.ExitCode, result.Stderr);
        return result.Stdout;
    }

    /// <summary>Runs one tmux command and returns its outcome without judging the exit code.</summary>
    internal async Task<TmuxResult> ExecuteAsync(
        IReadOnlyList<string> arguments,
        byte[]? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var fullArguments = new List<string>(arguments.Count + 2);
        if (SocketName is not null && !(arguments.Count == 1 && arguments[0] == "-V"))
        {
            fullArguments.Add("-L");
            fullArguments.Add(SocketName);
        }
        fullArguments.AddRange(arguments);

        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in fullArguments)
            startInfo.ArgumentList.Add(argument);
        // A tmux server started by this command copies the client's environment as its global
        // environment, which every window inherits: give the client only what agents may see
        // (plugin secrets and other agent CLIs' variables stay out), plus what tmux needs itself.
        foreach (var (name, value) in startInfo.Environment.ToList())
        {
            if (!EnvironmentFilter.IsKeptForTmux(name, value ?? ""))
                startInfo.Environment.Remove(name);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new TmuxCommandException(fullArguments, -1, $"cannot run '{_executable}': {e.Message}. Is tmux installed and on PATH?");
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        // A command that hangs (a tmux server stuck or gone mad) must not hold its caller forever: the
        // status monitor reads screens one at a time, and a delivery waits for that reading.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_commandTimeout);
        try
        {
            await WriteInputAsync(process, standardInput, deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new TmuxCommandException(fullArguments, -1, string.Create(CultureInfo.InvariantCulture, $"tmux did not answer within {_commandTimeout.TotalSeconds:0.#} s and was stopped"));
        }
        return new TmuxResult(fullArguments, process.ExitCode, await stdout.ConfigureAwait(false), (await stderr.ConfigureAwait(false)).Trim());
    }

    private static async Task WriteInputAsync(Process process, byte[]? standardInput, CancellationToken cancellationToken)
    {
        try
        {
            // Closing stdin matters even without input: load-buffer reads until EOF.
            if (standardInput is not null)
                await process.StandardInput.BaseStream.WriteAsync(standardInput, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // tmux exited without reading its input (it failed early); its exit code and stderr
            // say why, which is more useful than "broken pipe".
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
