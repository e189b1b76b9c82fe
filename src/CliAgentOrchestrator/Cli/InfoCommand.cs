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
        var json = JsonOption.Create();
        var command = new Command("info", "Show CAO's home, database, server and current session") { json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            using var client = context.CreateClient(HealthTimeout);
            var running = false;
            try
            {
                await client.GetAsync("/health", cancellationToken);
                running = true;
            }
            catch (CaoApiException ex)
            {
                console.Error.WriteLine($"  {ex.Message.ReplaceLineEndings(" ")}");
            }

            var session = await CurrentSessionAsync(context, cancellationToken);
            if (session is not null && !session.StartsWith(TerminalNames.SessionPrefix, StringComparison.Ordinal))
                session = null;
            int? terminals = null;
            var known = (bool?)null;
            if (session is not null && running)
            {
                try
                {
                    var detail = await client.GetAsync($"/sessions/{Uri.EscapeDataString(session)}", cancellationToken);
                    terminals = detail?["terminals"]?.AsArray().Count ?? 0;
                    known = true;
                }
                catch (CaoApiException)
                {
                    known = false;
                }
            }

            var socketPath = TmuxSocketPath.For(context.TmuxSocket, context.Variable("TMUX_TMPDIR"));
            if (parse.GetValue(json))
            {
                console.WriteJson(new
                {
                    home = context.Home.Root,
                    database = context.Home.DatabaseFile,
                    plugins_folder = context.Home.PluginsDirectory,
                    tmux_socket = context.TmuxSocket,
                    tmux_socket_path = socketPath,
                    server = new { url = context.ServerUrl.ToString(), running },
                    session = session is null ? null : new { name = session, known_to_server = known, terminals },
                });
                return 0;
            }
            var output = console.Out;
            output.WriteLine($"CAO home:       {context.Home.Root}");
            output.WriteLine($"Database path:  {context.Home.DatabaseFile}");
            output.WriteLine($"Plugins folder: {context.Home.PluginsDirectory}");
            output.WriteLine($"tmux server:    {(context.TmuxSocket is null ? "default" : $"-L {context.TmuxSocket}")} ({socketPath})");
            if (TmuxSocketPath.FromTmuxVariable(context.Variable("TMUX")) is { } enclosing && !TmuxAttach.SameFile(enclosing, socketPath))
                output.WriteLine($"                (this shell is inside another tmux server, {enclosing}; CAO's agents are not there: attach with {TmuxAttach.CommandLine(context.TmuxSocket, "<session>")})");
            output.WriteLine(running
                ? $"Server:         {context.ServerUrl} (running)"
                : $"Server:         {context.ServerUrl} (not answering: start it with `cao server`)");
            output.WriteLine((session, known) switch
            {
                (null, _) => "Session:        not in a CAO session",
                (_, null) => $"Session:        {session}",
                (_, true) => $"Session:        {session} ({terminals} terminals)",
                _ => $"Session:        {session} (unknown to the server)",
            });
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
