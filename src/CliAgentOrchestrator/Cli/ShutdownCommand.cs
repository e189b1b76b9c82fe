using System.CommandLine;
using CliAgentOrchestrator.Client;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao shutdown --session &lt;name&gt; | --all</c>: deletes sessions (their terminals, windows and tmux session) through the server.</summary>
public static class ShutdownCommand
{
    public static Command Create(CliContext context)
    {
        var session = new Option<string?>("--session") { Description = "The session to shut down (with or without the 'cao-' prefix)" };
        var all = new Option<bool>("--all") { Description = "Shut down every CAO session" };
        var command = new Command("shutdown", "Shut down CAO sessions") { session, all };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var name = parse.GetValue(session);
            var everything = parse.GetValue(all);
            if (name is null && !everything)
                throw new CliUserException("Pass --session <name> or --all.");
            if (name is not null && everything)
                throw new CliUserException("Pass --session <name> or --all, not both.");

            using var client = context.CreateClient();
            var names = everything
                ? (await client.GetAsync("/sessions", cancellationToken))?.AsArray().Select(s => s?["name"]?.GetValue<string>()).OfType<string>().ToList() ?? []
                : [name!];
            if (names.Count == 0)
            {
                console.Out.WriteLine("No CAO sessions to shut down.");
                return 0;
            }

            var failed = 0;
            foreach (var target in names)
            {
                try
                {
                    await console.StatusAsync($"Shutting down {target}…", async _ =>
                    {
                        var result = await client.DeleteAsync($"/sessions/{Uri.EscapeDataString(target)}", cancellationToken);
                        if (result?["errors"]?.AsArray() is { Count: > 0 } errors)
                            throw new CliUserException($"Session '{target}' was shut down but some terminals failed to clean up: {string.Join("; ", errors)}");
                    });
                    console.Out.WriteLine($"✓ Shut down session '{target}'");
                }
                catch (CaoApiException ex) when (ex.StatusCode == 404)
                {
                    // With --all another client may have removed it meanwhile; carry on with the rest.
                    if (!everything)
                        throw new CliUserException($"Session '{target}' not found; list sessions with `cao session list`.");
                    console.Error.WriteLine($"Session '{target}' was already gone.");
                }
                catch (Exception ex) when (everything && ex is CaoApiException { StatusCode: not null } or CliUserException)
                {
                    console.Fail(ex.Message);
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
