using System.CommandLine;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// Wraps a command's body so the errors a user can cause — server down or refusing, bad profile,
/// bad arguments, file system — end as one <c>Error: …</c> line on stderr and exit code 1, never a
/// stack trace. Anything else is a bug and keeps System.CommandLine's default report.
/// </summary>
public static class CliAction
{
    public static void Set(Command command, CliContext context, Func<ParseResult, CliConsole, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new CliConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, context.ShowProgress);
            try
            {
                return await body(parse, console, cancellationToken);
            }
            catch (Exception ex) when (ex is CliUserException or CaoApiException or ProfileException or IOException or UnauthorizedAccessException)
            {
                console.Fail(ex.Message);
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the shell's convention for "interrupted".
                console.Fail("Interrupted.");
                return 130;
            }
        });
}
