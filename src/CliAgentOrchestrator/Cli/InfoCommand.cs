using System.CommandLine;
using System.Diagnostics;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao info</c>: where CAO keeps its state, whether the server answers, and which CAO session this
/// shell is in. Diagnostic, so a server that does not answer is reported, not an error.
/// </summary>
public static class InfoCommand
{
    // A health check that hangs would make the diagnostic command the thing that needs diagnosing.
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    public static Command Create(CliContext context)
    {
        var command = new Command("info", "Show CAO's home, database, server and current session");
        CliAction.Set(command, context, async (_, console, cancellationToken) =>
        {
            var output = console.Out;
            output.WriteLine($"CAO home:       {context.Home.Root}");
            output.WriteLine($"Database path:  {context.Home.DatabaseFile}");
            output.WriteLine($"Plugins folder: {context.Home.PluginsDirectory}");
            var socketPath = TmuxSocketPath.For(context.TmuxSocket, context.Variable("TMUX_TMPDIR"));
            output.WriteLine($"tmux server:    {(context.TmuxSocket is null ? "default" : $"-L {context.TmuxSocket}")} ({socketPath})");
            if (TmuxSocketPath.FromTmuxVariable(context.Variable("TMUX")) is { } enclosing && !TmuxAttach.SameFile(enclosing, socketPath))
                output.WriteLine($"                (this shell is inside another tmux server, {enclosing}; CAO's agents are not there: attach with {TmuxAttach.CommandLine(context.TmuxSocket, "<session>")})");

            using var client = context.CreateClient(HealthTimeout);
            var answers = false;
            try
            {
                await client.GetAsync("/health", cancellationToken);
                answers = true;
                output.WriteLine($"Server:         {context.ServerUrl} (running)");
            }
            catch (CaoApiException ex)
            {
                output.WriteLine($"Server:         {context.ServerUrl} (not answering: start it with `cao server`)");
                console.Error.WriteLine($"  {ex.Message.ReplaceLineEndings(" ")}");
            }

            var session = await CurrentSessionAsync(context, cancellationToken);
            if (session is null || !session.StartsWith(TerminalNames.SessionPrefix, StringComparison.Ordinal))
            {
                output.WriteLine("Session:        not in a CAO session");
                return 0;
            }
            if (!answers)
            {
                output.WriteLine($"Session:        {session}");
                return 0;
            }
            try
            {
                var detail = await client.GetAsync($"/sessions/{Uri.EscapeDataString(session)}", cancellationToken);
                output.WriteLine($"Session:        {session} ({detail?["terminals"]?.AsArray().Count ?? 0} terminals)");
            }
            catch (CaoApiException)
            {
                output.WriteLine($"Session:        {session} (unknown to the server)");
            }
            return 0;
        });
        return command;
    }

    /// <summary><c>CAO_SESSION_NAME</c>, else, inside tmux, the session tmux reports.</summary>
    private static async Task<string?> CurrentSessionAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (context.Variable("CAO_SESSION_NAME") is { Length: > 0 } named)
            return named;
        // Outside tmux, display-message would report some other session of the default server.
        if (context.Variable("TMUX") is not { Length: > 0 })
            return null;
        try
        {
            var start = new ProcessStartInfo("tmux", ["display-message", "-p", "#S"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start);
            if (process is null)
                return null;
            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? text.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
