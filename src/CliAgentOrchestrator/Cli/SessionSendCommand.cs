using System.CommandLine;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao session send &lt;terminal-id|session&gt; &lt;message&gt;</c>: types a message into a terminal as
/// raw input (no sender, no orchestration type, so no plugin event), waits for the answer and prints it.
/// </summary>
public static class SessionSendCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("target") { Description = "A terminal id (8 hex characters) or a session name (its first terminal)" };
        var message = new Argument<string>("message") { Description = "The text to send" };
        var async = new Option<bool>("--async") { Description = "Send and return without waiting for the answer" };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds to wait for the answer (default 300)" };
        var command = new Command("send", "Send a message to a terminal and print its answer") { target, message, async, timeout };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var text = parse.GetValue(message)!;
            if (string.IsNullOrWhiteSpace(text))
                throw new CliUserException("The message is empty; pass the text to send.");
            using var client = context.CreateClient();
            var terminalId = await ResolveAsync(client, parse.GetValue(target)!, cancellationToken);

            // Typing into a busy agent interleaves with its work; Python refuses too.
            var status = (await client.GetAsync($"/terminals/{terminalId}", cancellationToken))?["status"]?.GetValue<string>();
            if (status is not ("idle" or "completed"))
                throw new CliUserException($"Terminal {terminalId} is {status ?? "unknown"}; wait until it is idle (`cao session status`) and send again.");

            var waiter = new TerminalWaiter(client, context, console);
            var wasCompleted = status == "completed";
            var previousAnswer = wasCompleted ? await waiter.LastOutputOrNullAsync(terminalId, cancellationToken) : null;
            await LaunchCommand.SendAsync(client, terminalId, text, cancellationToken);
            if (parse.GetValue(async))
            {
                console.Out.WriteLine($"Message sent to terminal {terminalId}.");
                return 0;
            }
            var seconds = parse.GetValue(timeout);
            await waiter.WaitForDoneAsync(terminalId, seconds is { } s ? TimeSpan.FromSeconds(s) : context.DoneTimeout, wasCompleted, previousAnswer, cancellationToken);
            var output = await waiter.LastOutputAsync(terminalId, cancellationToken);
            if (output.Length > 0)
                console.Out.WriteLine(output);
            return 0;
        });
        return command;
    }

    private static async Task<string> ResolveAsync(CaoApiClient client, string target, CancellationToken cancellationToken)
    {
        if (TerminalNames.IsValidTerminalId(target))
        {
            try
            {
                await client.GetAsync($"/terminals/{target}", cancellationToken);
                return target;
            }
            catch (CaoApiException ex) when (ex.StatusCode == 404)
            {
                throw new CliUserException($"Terminal '{target}' not found; see the terminals with `cao session status <session>`.");
            }
        }
        var detail = await SessionLookup.GetAsync(client, target, cancellationToken);
        return detail?["terminals"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<string>()
            ?? throw new CliUserException($"Session '{target}' has no terminals.");
    }
}
