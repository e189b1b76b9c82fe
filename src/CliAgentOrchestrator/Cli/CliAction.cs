using System.CommandLine;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// The one runner of every <c>cao</c> command: it hands the body the invocation's <see cref="CliConsole"/>
/// and turns the errors a user can cause — server down or refusing, bad profile, bad plugin, bad
/// arguments, file system — into one <c>error: …</c> line on stderr and exit code 1, never a stack
/// trace. Anything else is a bug and keeps System.CommandLine's default report.
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
            catch (Exception ex) when (IsUserError(ex))
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

    /// <summary>For a body with nothing to await.</summary>
    public static void Set(Command command, CliContext context, Func<ParseResult, CliConsole, int> body) =>
        Set(command, context, (parse, console, _) => Task.FromResult(body(parse, console)));

    /// <summary>
    /// Errors whose message already tells the user what to fix. <see cref="CaoApiException"/> covers
    /// a server that cannot be reached: its message names the address and says to run <c>cao server</c>.
    /// </summary>
    public static bool IsUserError(Exception ex) =>
        ex is CliUserException or CaoApiException or ProfileException or InstallationException or Core.PluginHosting.PluginTrialException
            or CaoConfigurationException or InvalidDataException or IOException or UnauthorizedAccessException;
}
