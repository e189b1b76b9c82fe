using System.CommandLine;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Client;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao session list</c>: every CAO session with its first (conductor) terminal and terminal count.</summary>
public static class SessionListCommand
{
    public static Command Create(CliContext context)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "List CAO sessions") { json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            using var client = context.CreateClient();
            var sessions = (await client.GetAsync("/sessions", cancellationToken))?.AsArray() ?? [];
            if (sessions.Count == 0 && !parse.GetValue(json))
            {
                // Not a result row: on stderr, so a script reading stdout sees no sessions as no lines.
                console.Error.WriteLine("No active sessions.");
                return 0;
            }
            var rows = new List<IReadOnlyList<string>>();
            var views = new List<SessionSummary>();
            foreach (var session in sessions)
            {
                var name = session?["name"]?.GetValue<string>() ?? "?";
                JsonArray terminals;
                try
                {
                    terminals = (await client.GetAsync($"/sessions/{Uri.EscapeDataString(name)}", cancellationToken))?["terminals"]?.AsArray() ?? [];
                }
                catch (CaoApiException ex) when (ex.StatusCode == 404)
                {
                    continue; // shut down between the two requests
                }
                var conductor = terminals.FirstOrDefault();
                views.Add(new SessionSummary(
                    name,
                    session?["status"]?.GetValue<string>(),
                    conductor?["id"]?.GetValue<string>(),
                    conductor?["agent_profile"]?.GetValue<string>(),
                    conductor?["status"]?.GetValue<string>(),
                    terminals.Count));
                rows.Add([
                    name,
                    session?["status"]?.GetValue<string>() ?? "",
                    conductor?["id"]?.GetValue<string>() ?? "-",
                    conductor?["agent_profile"]?.GetValue<string>() ?? "-",
                    conductor?["status"]?.GetValue<string>() ?? "-",
                    terminals.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]);
            }
            if (parse.GetValue(json))
                console.WriteJson(views);
            else
                console.WriteTable(["SESSION", "TMUX", "CONDUCTOR", "AGENT", "STATUS", "TERMINALS"], rows);
            return 0;
        });
        return command;
    }
}
