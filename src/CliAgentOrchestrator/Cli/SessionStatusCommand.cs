using System.CommandLine;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao session status &lt;name&gt;</c>: the session's terminals with their live status, and the conductor's last answer.</summary>
public static class SessionStatusCommand
{
    // Enough of the last answer to see what happened without flooding the terminal (Python shows 20).
    private const int AnswerLines = 20;

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("session") { Description = "Session name (with or without the 'cao-' prefix)" };
        var json = JsonOption.Create();
        var command = new Command("status", "Show a session's terminals and their status") { name, json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            using var client = context.CreateClient();
            var requested = parse.GetValue(name)!;
            var detail = await SessionLookup.GetAsync(client, requested, cancellationToken);
            var session = detail?["session"];
            var terminals = detail?["terminals"]?.AsArray() ?? [];
            if (parse.GetValue(json))
            {
                var first = terminals.FirstOrDefault()?["id"]?.GetValue<string>();
                var last = first is null ? null : await new TerminalWaiter(client, context, console).LastOutputOrNullAsync(first, cancellationToken);
                console.WriteJson(new
                {
                    session = new
                    {
                        name = session?["name"]?.GetValue<string>(),
                        status = session?["status"]?.GetValue<string>(),
                        working_directory = session?["working_directory"]?.GetValue<string>(),
                    },
                    terminals = terminals.Select(t => new
                    {
                        id = t?["id"]?.GetValue<string>(),
                        window = t?["name"]?.GetValue<string>(),
                        agent_profile = t?["agent_profile"]?.GetValue<string>(),
                        provider = t?["provider"]?.GetValue<string>(),
                        status = t?["status"]?.GetValue<string>(),
                    }),
                    last_answer = string.IsNullOrEmpty(last) ? null : new { terminal_id = first, text = last },
                });
                return 0;
            }
            console.Out.WriteLine($"Session:   {session?["name"]?.GetValue<string>()} ({session?["status"]?.GetValue<string>()})");
            if (session?["working_directory"]?.GetValue<string>() is { } directory)
                console.Out.WriteLine($"Directory: {directory}");
            console.Out.WriteLine();
            TextTable.Write(console.Out, ["TERMINAL", "WINDOW", "AGENT", "PROVIDER", "STATUS"],
                terminals.Select(t => (IReadOnlyList<string>)[
                    t?["id"]?.GetValue<string>() ?? "?",
                    t?["name"]?.GetValue<string>() ?? "",
                    t?["agent_profile"]?.GetValue<string>() ?? "-",
                    t?["provider"]?.GetValue<string>() ?? "",
                    t?["status"]?.GetValue<string>() ?? "unknown",
                ]));

            if (terminals.FirstOrDefault()?["id"]?.GetValue<string>() is not { } conductor)
                return 0;
            // No answer on screen yet (the provider finds none to extract): nothing to show.
            var answer = await new TerminalWaiter(client, context, console).LastOutputOrNullAsync(conductor, cancellationToken) ?? "";
            if (answer.Length == 0)
                return 0;
            var lines = answer.Split('\n');
            console.Out.WriteLine();
            console.Out.WriteLine($"Last answer of {conductor}:");
            foreach (var line in lines.Take(AnswerLines))
                console.Out.WriteLine(line);
            if (lines.Length > AnswerLines)
                console.Out.WriteLine($"… ({lines.Length - AnswerLines} more lines)");
            return 0;
        });
        return command;
    }
}
