using System.CommandLine;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao launch --agents &lt;profile&gt; [MESSAGE]</c>: creates a session through the server, then
/// attaches to it, or (with <c>--headless</c> and a message) sends the message, waits for the answer
/// and prints it. See docs/cli.md for where this differs from the Python CLI.
/// </summary>
public static class LaunchCommand
{
    public static Command Create(CliContext context)
    {
        var message = new Argument<string?>("message") { Description = "First message for the agent", Arity = ArgumentArity.ZeroOrOne };
        var agents = new Option<string>("--agents") { Description = "Agent profile to launch (name or installed profile)", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider (default: the profile's provider, else kiro_cli)" };
        var sessionName = new Option<string?>("--session-name") { Description = "Session name (default: generated; 'cao-' is prepended)" };
        var headless = new Option<bool>("--headless") { Description = "Do not attach; with MESSAGE, wait for the answer and print it" };
        var workingDirectory = new Option<string?>("--working-directory") { Description = "Directory the agent starts in (default: current directory)" };
        var yolo = new Option<bool>("--yolo") { Description = "[DANGEROUS] Unrestricted tool access (allowed tools '*') and no confirmation" };
        var autoApprove = new Option<bool>("--auto-approve") { Description = "Skip the confirmation (tool restrictions still apply)" };
        var allowedTools = new Option<string[]>("--allowed-tools") { Description = "Override the allowed tools (repeatable)" };
        var env = new Option<string[]>("--env") { Description = "KEY=VALUE forwarded to this agent and its workers (repeatable)" };
        var async = new Option<bool>("--async") { Description = "With --headless and MESSAGE: send and return without waiting" };

        var command = new Command("launch", "Launch a session running an agent profile")
        {
            message, agents, provider, sessionName, headless, workingDirectory, yolo, autoApprove, allowedTools, env, async,
        };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var launch = new LaunchRequest(
                parse.GetValue(agents)!, parse.GetValue(provider), parse.GetValue(sessionName), parse.GetValue(message),
                Path.GetFullPath(parse.GetValue(workingDirectory) ?? Directory.GetCurrentDirectory()),
                parse.GetValue(yolo), parse.GetValue(autoApprove), parse.GetValue(allowedTools) ?? [],
                EnvPairs.Parse(parse.GetValue(env) ?? []));
            if (launch.Message is { } m && string.IsNullOrWhiteSpace(m))
                throw new CliUserException("MESSAGE is empty; pass the text for the agent, or leave it out.");

            var profile = FindProfile(launch, context);
            Confirm(launch, profile, context, console);
            using var client = context.CreateClient();
            JsonNode? terminal;
            try
            {
                terminal = await console.StatusAsync($"Creating a session for '{launch.Profile}'…",
                    _ => client.PostAsync(CreateSessionPath(launch), launch.Env.Count > 0 ? new { env_vars = launch.Env } : null, cancellationToken));
            }
            catch (CaoApiException ex) when (ex.StatusCode == 409 && launch.SessionName is { } taken)
            {
                throw new CliUserException($"Session '{taken}' already exists; pick another --session-name, or shut it down with `cao shutdown --session {taken}`.");
            }
            var terminalId = Text(terminal, "id");
            var session = Text(terminal, "session_name");
            // Progress, not the result: `cao launch --headless … > answer.txt` keeps only the answer.
            console.Error.WriteLine($"Session created: {session}");
            console.Error.WriteLine($"Terminal created: {Text(terminal, "name")} ({terminalId})");

            var waiter = new TerminalWaiter(client, context, console);
            if (!parse.GetValue(headless))
                return await AttachAsync(launch, terminalId, session, waiter, client, context, console, cancellationToken);
            if (launch.Message is null)
                return 0;

            if (!await waiter.WaitForReadyAsync(terminalId, cancellationToken))
                throw new CliUserException($"Terminal {terminalId} did not become ready within {context.ReadyTimeout.TotalSeconds:0}s; inspect it with: {TmuxAttach.CommandLine(context.TmuxSocket, session)}");
            await SendAsync(client, terminalId, launch.Message, cancellationToken);
            if (parse.GetValue(async))
            {
                console.Out.WriteLine($"Message sent to {terminalId}. Running in the background; read the answer with `cao session status {session}`.");
                return 0;
            }
            // The terminal was idle (never answered) when the message went in: no stale completed to mask.
            await waiter.WaitForDoneAsync(terminalId, context.DoneTimeout, wasCompleted: false, previousAnswer: null, cancellationToken);
            var output = await waiter.LastOutputAsync(terminalId, cancellationToken);
            if (output.Length > 0)
                console.Out.WriteLine(output);
            return 0;
        });
        return command;
    }

    /// <summary>Posts raw input: no sender and no orchestration type, so no plugin event (as in Python).</summary>
    internal static Task SendAsync(CaoApiClient client, string terminalId, string message, CancellationToken cancellationToken) =>
        client.PostAsync($"/terminals/{terminalId}/input", new { message }, cancellationToken);

    private static async Task<int> AttachAsync(LaunchRequest launch, string terminalId, string session, TerminalWaiter waiter,
        CaoApiClient client, CliContext context, CliConsole console, CancellationToken cancellationToken)
    {
        // Attaching while the CLI still initialises resizes its pty mid-start and loses keystrokes
        // (Python issue #220), so wait first; on timeout attach anyway so the user can see why.
        var ready = await waiter.WaitForReadyAsync(terminalId, cancellationToken);
        if (!ready)
            console.Error.WriteLine($"Warning: {terminalId} did not become idle within {context.ReadyTimeout.TotalSeconds:0}s; attaching anyway, input may be lost until it finishes starting.");
        if (launch.Message is not null && ready)
            await SendAsync(client, terminalId, launch.Message, cancellationToken);
        if (!context.Interactive)
        {
            // No terminal to hand over (piped, CI, a test): say how to attach instead of failing.
            console.Error.WriteLine($"Not attaching (no terminal). Attach with: {TmuxAttach.CommandLine(context.TmuxSocket, session)}");
            return 0;
        }
        if (await TmuxAttach.RunAsync(context.TmuxSocket, session, context.Variable("TMUX"), cancellationToken) == 0)
            return 0;
        // tmux said why on the terminal; a session nobody can reach would only keep its agent running.
        await client.DeleteAsync($"/sessions/{Uri.EscapeDataString(session)}", cancellationToken);
        throw new CliUserException($"Could not attach to {session} (tmux's message is above), so it was shut down; try `cao launch --headless` and attach yourself with: {TmuxAttach.CommandLine(context.TmuxSocket, session)}");
    }

    private static string CreateSessionPath(LaunchRequest launch)
    {
        string? tools = launch.Yolo ? ToolPolicy.Unrestricted : launch.AllowedTools.Length > 0 ? string.Join(',', launch.AllowedTools) : null;
        return CaoApiClient.Query("/sessions",
            ("agent_profile", launch.Profile),
            ("provider", launch.Provider),
            ("session_name", launch.SessionName),
            ("working_directory", launch.WorkingDirectory),
            ("allowed_tools", tools));
    }

    /// <summary>
    /// Shows the tool policy and asks before starting an agent that can touch the workspace. Asked
    /// only when stdin is a terminal: a script cannot answer, and Python's prompt would abort it.
    /// </summary>
    private static void Confirm(LaunchRequest launch, AgentProfile? profile, CliContext context, CliConsole console)
    {
        var provider = launch.Provider ?? profile?.Provider ?? ProviderCatalog.DefaultKey;
        // mock_cli is the bundled test double: it runs nothing, so there is nothing to approve.
        if (provider == MockCliProvider.ProviderKey)
            return;
        if (launch.Yolo)
        {
            console.Error.WriteLine($"[WARNING] --yolo: agent '{launch.Profile}' launches UNRESTRICTED on {provider} in {launch.WorkingDirectory}; it can run ANY command.");
            return;
        }
        if (launch.AutoApprove || !context.Interactive)
            return;
        var tools = launch.AllowedTools.Length > 0 ? launch.AllowedTools : ToolPolicy.Resolve(profile);
        console.Error.WriteLine();
        console.Error.WriteLine($"Agent '{launch.Profile}' launching on {provider}:");
        console.Error.WriteLine($"  Allowed:   {string.Join(", ", tools)}");
        console.Error.WriteLine($"  Directory: {launch.WorkingDirectory}");
        if (profile is null || (profile.Role is null && profile.AllowedTools is null))
            console.Error.WriteLine("  Note: no role or allowedTools in the profile; using the developer defaults.");
        console.Error.WriteLine("  Skip this prompt with --auto-approve; remove all restrictions with --yolo.");
        console.Error.Write("Proceed? [Y/n] ");
        console.Error.Flush();
        var answer = context.Input.ReadLine()?.Trim().ToLowerInvariant();
        if (answer is not ("" or "y" or "yes"))
            throw new CliUserException("Launch cancelled.");
    }

    /// <summary>
    /// The profile to launch, checked before anything starts: an unknown name (or a broken file) is one
    /// line, not a session running a CLI without its profile. The one exception is a kiro_cli agent
    /// installed only in kiro's own folder (<c>~/.kiro/agents/&lt;name&gt;.json</c>): kiro finds it itself.
    /// </summary>
    private static AgentProfile? FindProfile(LaunchRequest launch, CliContext context)
    {
        var store = new ProfileStore(context.Home.Root);
        try
        {
            return store.Load(launch.Profile);
        }
        catch (ProfileNotFoundException) when ((launch.Provider ?? ProviderCatalog.DefaultKey) == KiroCliProvider.ProviderKey && HasKiroAgent(launch.Profile, context))
        {
            return null;
        }
    }

    private static bool HasKiroAgent(string name, CliContext context)
    {
        var folder = ProfileInstaller.DefaultKiroAgentsDirectory(context.UserHome, key => context.Environment.GetValueOrDefault(key));
        return File.Exists(Path.Combine(folder, name + ".json"));
    }

    private static string Text(JsonNode? node, string field) =>
        node?[field]?.GetValue<string>() ?? throw new CaoApiException($"cao-server answered without '{field}'; is the server the same version as this CLI?");
}
