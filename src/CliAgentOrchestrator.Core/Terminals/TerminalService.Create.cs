using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// Creating a terminal: window, row, output tracking, provider launch; all undone on failure.
public sealed partial class TerminalService
{
    public async Task<LiveTerminal> CreateAsync(CreateTerminalRequest request, CancellationToken cancellationToken)
    {
        // An assign is a terminal created with its task; its deferred start (and the task's input) runs under this span.
        using var span = CaoTelemetry.Source.StartActivity(
            request.DeferInit && request.InitialMessageOrchestrationType == OrchestrationTypes.Assign ? CaoTelemetry.Spans.Assign : CaoTelemetry.Spans.TerminalCreate);
        span?.SetTag(CaoTelemetry.Attributes.AgentProfile, request.AgentProfile);
        span?.SetTag(CaoTelemetry.Attributes.Session, request.SessionName);
        span?.SetTag(CaoTelemetry.Attributes.Provider, request.Provider);
        try
        {
            var terminal = await CreateUntracedAsync(request, cancellationToken);
            span?.SetTag(CaoTelemetry.Attributes.TerminalId, terminal.Id);
            span?.SetTag(CaoTelemetry.Attributes.Session, terminal.SessionName);
            return terminal;
        }
        catch (Exception ex)
        {
            CaoTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task<LiveTerminal> CreateUntracedAsync(CreateTerminalRequest request, CancellationToken cancellationToken)
    {
        if (request.InitialMessage is { } initial)
            CheckMessage(initial); // refused now, not after a worker was started for it
        var profile = FindProfile(request.AgentProfile);
        var providerKey = request.Provider ?? profile?.Provider ?? ProviderCatalog.DefaultKey;
        if (!providers.Contains(providerKey))
            throw new InvalidRequestException($"Unknown provider '{providerKey}'. Valid providers: {string.Join(", ", providers.Keys)}");
        if (!TerminalNames.IsValidName(request.AgentProfile))
            throw new InvalidRequestException($"Invalid agent profile name '{request.AgentProfile}': use letters, digits, '_' and '-'");
        var workingDirectory = ResolveWorkingDirectory(request.WorkingDirectory);
        var session = request.SessionName is null ? TerminalNames.NewSessionName() : TerminalNames.SessionName(request.SessionName);
        var denial = await preHooks.ScreenTerminalAsync(new PreCreateTerminalEvent
        {
            SessionId = session,
            SessionName = session,
            AgentProfile = request.AgentProfile,
            Provider = providerKey,
            WorkingDirectory = workingDirectory,
            CallerId = request.CallerId,
        }, cancellationToken);
        if (denial is not null)
            throw new DeniedException(denial);

        var record = new TerminalRecord
        {
            Id = TerminalNames.NewTerminalId(),
            SessionName = session,
            WindowName = UniqueWindowName(session, request.AgentProfile),
            Provider = providerKey,
            AgentProfile = request.AgentProfile,
            WorkingDirectory = workingDirectory,
            AllowedTools = request.AllowedTools ?? profile?.AllowedTools,
            CallerId = request.CallerId,
        };

        var createdSession = false;
        var createdWindow = false;
        TerminalRuntime? runtime = null;
        try
        {
            (createdSession, var panePid) = await OpenWindowAsync(record, request, cancellationToken);
            createdWindow = true;
            terminals.Insert(record);
            // The window pipes into its log from its first byte, so the shell's first prompt is in the
            // log without the Enter Python presses to redraw it into a pipe started afterwards.
            runtime = await TrackAsync(record, CreateProvider(record, profile, request.Model, OperatorVariables(record.SessionName, request)), resumeFromEnd: false, panePid, cancellationToken);

            if (request.DeferInit)
                StartDeferredInit(runtime, request);
            else
                await InitializeAsync(runtime, cancellationToken);
        }
        catch (Exception ex)
        {
            await RollBackAsync(record, createdSession, createdWindow);
            if (ex is CaoException or CliNotFoundException)
                throw;
            logger.LogWarning(ex, "Creating terminal {TerminalId} ({Provider}, {Profile}) failed; rolled back", record.Id, providerKey, request.AgentProfile);
            throw new AgentStartException($"Failed to start {providerKey} for '{request.AgentProfile}': {ex.Message}", ex);
        }

        events.Publish(new PostCreateTerminalEvent
        {
            SessionId = record.SessionName,
            TerminalId = record.Id,
            AgentName = record.AgentProfile,
            Provider = record.Provider,
        });
        StartAnnouncingStatus(runtime);
        var status = request.DeferInit ? TerminalStatus.Unknown : await runtime.Monitor.GetStatusAsync(cancellationToken);
        return new LiveTerminal(terminals.Get(record.Id) ?? record, status);
    }

    // Four random hex digits can repeat within a session; a repeat would make kill-by-name hit the wrong window.
    private string UniqueWindowName(string session, string profile)
    {
        var taken = terminals.ListBySession(session).Select(t => t.WindowName).ToHashSet(StringComparer.Ordinal);
        string name;
        do
            name = TerminalNames.WindowName(profile);
        while (taken.Contains(name));
        return name;
    }

    private static string ResolveWorkingDirectory(string? requested)
    {
        try
        {
            return WorkingDirectory.Resolve(requested);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidRequestException(ex.Message);
        }
    }

    private AgentProfile? FindProfile(string name)
    {
        try
        {
            var found = profiles.Find(name);
            if (found is null)
                logger.LogWarning("Agent profile '{Profile}' not found; starting the CLI without it", name);
            return found?.Profile;
        }
        catch (ProfileException ex)
        {
            throw new InvalidRequestException($"Agent profile '{name}' is invalid: {ex.Message}");
        }
    }

    /// <returns>Whether this call created the tmux session, and the PID of the window's shell (null if tmux did not say).</returns>
    // Whether the session exists is asked only when opening the window failed, to say why: asking
    // first cost every creation a tmux process, and could not stop a session appearing in between.
    private async Task<(bool CreatedSession, int? PanePid)> OpenWindowAsync(TerminalRecord record, CreateTerminalRequest request, CancellationToken cancellationToken)
    {
        if (request.NewSession)
        {
            var requested = request.EnvVars ?? new Dictionary<string, string>();
            var environment = WindowEnvironment(EnvironmentFilter.FromCurrentProcess(), requested, record.Id);
            int? sessionPanePid;
            try
            {
                sessionPanePid = await tmux.NewSessionAsync(record.SessionName, record.WindowName, record.WorkingDirectory!, environment,
                    outputPipe: OutputPipe(record), cancellationToken: cancellationToken);
            }
            catch (TmuxCommandException ex) when (ex.Command == "new-session")
            {
                if (await tmux.HasSessionAsync(record.SessionName, CancellationToken.None))
                    throw new ConflictException($"Session '{record.SessionName}' already exists");
                throw;
            }
            terminals.DeleteBySession(record.SessionName); // rows of an older session with the same name are stale
            _sessionEnvironment[record.SessionName] = requested;
            return (true, sessionPanePid);
        }

        var remembered = _sessionEnvironment.GetValueOrDefault(record.SessionName) ?? new Dictionary<string, string>();
        var merged = new Dictionary<string, string>(remembered);
        foreach (var (key, value) in request.EnvVars ?? new Dictionary<string, string>())
            merged[key] = value;
        try
        {
            var panePid = await tmux.NewWindowAsync(record.SessionName, record.WindowName, record.WorkingDirectory!,
                WindowEnvironment(EnvironmentFilter.FromCurrentProcess(), merged, record.Id), outputPipe: OutputPipe(record), cancellationToken: cancellationToken);
            return (false, panePid);
        }
        catch (TmuxCommandException ex) when (ex.Command == "new-window")
        {
            if (!await tmux.HasSessionAsync(record.SessionName, CancellationToken.None))
                throw new NotFoundException($"Session '{record.SessionName}' not found");
            throw;
        }
    }

    // Opened with the window in the same tmux call: one process less, and no output before the pipe.
    // Its folder must exist first (the pipe's `cat` cannot create it), even if someone removed it.
    private string OutputPipe(TerminalRecord record)
    {
        Directory.CreateDirectory(home.TerminalLogDirectory);
        return TerminalOutputService.PipeCommand(home.TerminalLogFile(record.Id));
    }

    // What the operator asked for this window: the session's env_vars, then the request's (as OpenWindowAsync merges them).
    private Dictionary<string, string> OperatorVariables(string session, CreateTerminalRequest request)
    {
        var variables = new Dictionary<string, string>(_sessionEnvironment.GetValueOrDefault(session) ?? new Dictionary<string, string>());
        foreach (var (key, value) in request.EnvVars ?? new Dictionary<string, string>())
            variables[key] = value;
        return variables;
    }

    // The request's variables win over the server's; how to reach this server and which terminal this
    // is win over both (an agent that cannot reach the server cannot report back).
    private Dictionary<string, string> WindowEnvironment(IReadOnlyDictionary<string, string> filtered, IReadOnlyDictionary<string, string> requested, string terminalId)
    {
        var environment = new Dictionary<string, string>(filtered);
        foreach (var (key, value) in requested)
            environment[key] = value;
        foreach (var (key, value) in connection.Variables)
            environment[key] = value;
        environment["CAO_TERMINAL_ID"] = terminalId;
        return environment;
    }

    private async Task InitializeAsync(TerminalRuntime runtime, CancellationToken cancellationToken)
    {
        var console = new TmuxTerminalConsole(runtime.Record.Id, runtime.Target, runtime.PanePid, tmux, input, runtime.Monitor, runtime.Tail);
        await runtime.Provider.InitializeAsync(console, cancellationToken);
        // Start-up read the screen on every output while the status monitor was held (TrackAsync): bring
        // the monitor up to date before the terminal is handed out. (Before the hold, a start-up dialog's
        // waiting_user_answer could stay latched and refuse the first task; seen with Copilot CLI.)
        runtime.Monitor.ReleaseHold();
        await runtime.Monitor.DetectNowAsync(cancellationToken);
        await WaitForCaoMcpServerAsync(runtime, cancellationToken);
        runtime.CliStarted = true;
        if (runtime.Provider is ProviderBase { ShellBaseline: { } baseline })
            terminals.SetShellCommand(runtime.Record.Id, baseline);
    }

    private async Task RollBackAsync(TerminalRecord record, bool createdSession, bool createdWindow)
    {
        var target = new TmuxTarget(record.SessionName, record.WindowName);
        if (_runtimes.TryGetValue(record.Id, out var runtime))
            runtime.Provider.Cleanup();
        await UntrackAsync(record.Id, target);
        try
        {
            if (createdSession)
                await tmux.KillSessionAsync(record.SessionName);
            else if (createdWindow)
                await tmux.KillWindowAsync(target);
        }
        catch (TmuxCommandException ex)
        {
            logger.LogDebug(ex, "Rollback of terminal {TerminalId}: window already gone", record.Id);
        }
        if (createdSession)
            _sessionEnvironment.TryRemove(record.SessionName, out _);
        terminals.Delete(record.Id);
    }
}
