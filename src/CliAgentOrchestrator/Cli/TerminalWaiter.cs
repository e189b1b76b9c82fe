using CliAgentOrchestrator.Client;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// Polls <c>GET /terminals/{id}</c> the way the Python CLI does (<c>wait_until_terminal_status</c>,
/// <c>poll_until_done</c>), showing the current status on the spinner.
/// </summary>
public sealed class TerminalWaiter(CaoApiClient client, CliContext context, CliConsole console)
{
    // How long a completed status left over from the previous turn may mask the new one.
    private static readonly TimeSpan StaleCompletedGrace = TimeSpan.FromSeconds(3);

    /// <summary>Waits until the terminal is idle or completed; false on timeout.</summary>
    public Task<bool> WaitForReadyAsync(string terminalId, CancellationToken cancellationToken) =>
        console.StatusAsync($"Waiting for {terminalId} to start…", async update =>
        {
            var deadline = DateTime.UtcNow + context.ReadyTimeout;
            while (DateTime.UtcNow < deadline)
            {
                var status = await StatusAsync(terminalId, cancellationToken);
                if (status is "idle" or "completed")
                    return true;
                update($"Waiting for {terminalId} to start ({status})…");
                await Task.Delay(context.PollInterval, cancellationToken);
            }
            return false;
        });

    /// <summary>
    /// Waits until the agent has answered: <c>completed</c> at once, or <c>idle</c> three polls in a
    /// row after it was seen working (kiro-cli may finish without a completion marker, and a terminal
    /// is also idle for a moment right after input arrives, before it starts).
    /// </summary>
    /// <param name="wasCompleted">
    /// The terminal was already <c>completed</c> when the input was sent. The server keeps reporting that old <c>completed</c> until the screen shows the new turn,
    /// and a fast agent may finish before any poll sees it working; so a <c>completed</c> then counts
    /// only once the answer differs from <paramref name="previousAnswer"/>, or after a short grace
    /// (Python simply sleeps 3 s before polling).
    /// </param>
    /// <param name="previousAnswer">The answer before the input (null when none could be read).</param>
    /// <exception cref="CliUserException">The terminal reached <c>error</c>, or the timeout passed.</exception>
    public Task WaitForDoneAsync(string terminalId, TimeSpan timeout, bool wasCompleted, string? previousAnswer, CancellationToken cancellationToken) =>
        console.StatusAsync($"{terminalId} is working…", async update =>
        {
            var started = DateTime.UtcNow;
            var observedWorking = false;
            var idleStreak = 0;
            while (true)
            {
                if (DateTime.UtcNow - started > timeout)
                    throw new CliUserException($"Timed out after {timeout.TotalSeconds:0}s waiting for terminal {terminalId}; it keeps running: see `cao session status`, or attach with tmux.");
                var status = await StatusAsync(terminalId, cancellationToken);
                switch (status)
                {
                    case "completed":
                        if (!wasCompleted || observedWorking || DateTime.UtcNow - started > StaleCompletedGrace)
                            return;
                        if (await LastOutputOrNullAsync(terminalId, cancellationToken) is { } answer && answer != previousAnswer)
                            return;
                        break;
                    case "error":
                        throw new CliUserException($"Terminal {terminalId} reached the error status; look at it with `cao session status` or attach with tmux.");
                    case "idle":
                        if (observedWorking && ++idleStreak >= 3)
                            return;
                        break;
                    case "processing" or "waiting_user_answer":
                        observedWorking = true;
                        idleStreak = 0;
                        break;
                    default:
                        idleStreak = 0;
                        break;
                }
                update($"{terminalId} is {status.Replace('_', ' ')}…");
                await Task.Delay(context.PollInterval, cancellationToken);
            }
        });

    /// <summary>The last answer of the agent (<c>GET /terminals/{id}/output?mode=last</c>).</summary>
    public async Task<string> LastOutputAsync(string terminalId, CancellationToken cancellationToken)
    {
        var body = await client.GetAsync(CaoApiClient.Query($"/terminals/{terminalId}/output", ("mode", "last")), cancellationToken);
        return body?["output"]?.GetValue<string>() ?? "";
    }

    /// <summary>The last answer, or null when the provider finds none on the screen (the server answers 500).</summary>
    public async Task<string?> LastOutputOrNullAsync(string terminalId, CancellationToken cancellationToken)
    {
        try
        {
            return await LastOutputAsync(terminalId, cancellationToken);
        }
        catch (CaoApiException ex) when (ex.StatusCode is not null)
        {
            return null;
        }
    }

    private async Task<string> StatusAsync(string terminalId, CancellationToken cancellationToken) =>
        (await client.GetAsync($"/terminals/{terminalId}", cancellationToken))?["status"]?.GetValue<string>() ?? "unknown";
}
