using System.ComponentModel;
using CliAgentOrchestrator.Client.Contracts;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Sessions;
using CliAgentOrchestrator.Core.Terminals;
using Microsoft.AspNetCore.Mvc;

namespace CliAgentOrchestrator.Api;

/// <summary>The session routes of the Python server, same parameters and shapes.</summary>
public static class SessionEndpoints
{
    private static readonly HashSet<string> OrchestrationTypeValues = [OrchestrationTypes.SendMessage, OrchestrationTypes.Handoff, OrchestrationTypes.Assign];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/sessions", async (HttpRequest request, SessionService sessions,
            [FromQuery(Name = "agent_profile"), Description("The agent profile to start (required)")] string? agentProfile,
            [FromQuery, Description("The provider; default the profile's, else kiro_cli")] string? provider,
            [FromQuery(Name = "session_name"), Description("The session name; default a generated cao-… name")] string? sessionName,
            [FromQuery(Name = "working_directory"), Description("Where the agent starts; default the server's directory")] string? workingDirectory,
            [FromQuery(Name = "allowed_tools"), Description("Comma-separated tools the agent may use; default the profile's")] string? allowedTools,
            [FromQuery, Description("The model, overriding the profile's")] string? model, CancellationToken cancellationToken) =>
        {
            var body = await RequestReading.OptionalBodyAsync<CreateTerminalBody>(request, cancellationToken);
            ValidateInitialMessage(body);
            var terminal = await sessions.CreateAsync(new CreateTerminalRequest
            {
                AgentProfile = RequestReading.Required(agentProfile, "agent_profile"),
                Provider = provider,
                SessionName = sessionName,
                WorkingDirectory = workingDirectory,
                AllowedTools = RequestReading.CsvList(allowedTools),
                Model = model,
                EnvVars = body?.EnvVars,
                DeferInit = body?.InitialMessage is not null,
                InitialMessage = body?.InitialMessage,
                InitialMessageOrchestrationType = body?.InitialMessageOrchestrationType,
            }, cancellationToken);
            return Results.Json(TerminalView.From(terminal), statusCode: StatusCodes.Status201Created);
        })
            .WithSummary("Create a session with its first terminal")
            .WithDescription("Starts a tmux session whose first window runs the agent; answers 201 with the terminal. Optional JSON body: env_vars, initial_message, initial_message_orchestration_type.");

        app.MapGet("/sessions", async (SessionService sessions, CancellationToken cancellationToken) =>
            Results.Json((await sessions.ListAsync(cancellationToken)).Select(SessionView.From)))
            .WithSummary("List sessions")
            .WithDescription("Every CAO session (tmux sessions named cao-…) with its status.");

        app.MapGet("/sessions/{name}", async (string name, SessionService sessions, CancellationToken cancellationToken) =>
        {
            var (session, terminals) = await sessions.GetAsync(name, cancellationToken);
            return Results.Json(new { session = SessionView.From(session), terminals = terminals.Select(TerminalView.From) });
        })
            .WithSummary("Show a session")
            .WithDescription("The session and its terminals with their live status.");

        app.MapDelete("/sessions/{name}", async (string name, SessionService sessions, CancellationToken cancellationToken) =>
        {
            var errors = await sessions.DeleteAsync(name, cancellationToken);
            return Results.Json(new { success = errors.Count == 0, deleted = new[] { TerminalNames.SessionName(name) }, errors });
        })
            .WithSummary("Delete a session")
            .WithDescription("Kills the session's terminals and its tmux session; fires post_kill_terminal and post_kill_session.");

        app.MapPost("/sessions/{name}/terminals", async (string name, HttpRequest request, TerminalService terminals,
            [FromQuery(Name = "agent_profile"), Description("The agent profile to start (required)")] string? agentProfile,
            [FromQuery, Description("The provider; default the profile's, else kiro_cli")] string? provider,
            [FromQuery(Name = "working_directory"), Description("Where the agent starts; default the server's directory")] string? workingDirectory,
            [FromQuery(Name = "allowed_tools"), Description("Comma-separated tools the agent may use; default the profile's")] string? allowedTools,
            [FromQuery(Name = "caller_id"), Description("The terminal that asked for this one (assign/handoff), for replies")] string? callerId,
            [FromQuery(Name = "defer_init"), Description("true: answer at once and start the CLI in the background")] string? deferInit,
            [FromQuery, Description("The model, overriding the profile's")] string? model, CancellationToken cancellationToken) =>
        {
            var body = await RequestReading.OptionalBodyAsync<CreateTerminalBody>(request, cancellationToken);
            var deferred = RequestReading.Flag(deferInit, "defer_init");
            ValidateInitialMessage(body);
            if (body?.InitialMessage is not null && !deferred)
                throw new InvalidRequestException("initial_message needs defer_init=true");
            if (callerId is not null)
                TerminalNames.RequireTerminalId(callerId);
            var terminal = await terminals.CreateAsync(new CreateTerminalRequest
            {
                AgentProfile = RequestReading.Required(agentProfile, "agent_profile"),
                Provider = provider,
                SessionName = name,
                WorkingDirectory = workingDirectory,
                AllowedTools = RequestReading.CsvList(allowedTools),
                CallerId = callerId,
                Model = model,
                EnvVars = body?.EnvVars,
                DeferInit = deferred,
                InitialMessage = body?.InitialMessage,
                InitialMessageOrchestrationType = body?.InitialMessageOrchestrationType,
            }, cancellationToken);
            return Results.Json(TerminalView.From(terminal), statusCode: StatusCodes.Status201Created);
        })
            .WithSummary("Add a terminal to a session")
            .WithDescription("Starts another agent window in the session; answers 201 with the terminal. Optional JSON body: env_vars, initial_message (needs defer_init=true), initial_message_orchestration_type.");

        app.MapGet("/sessions/{name}/terminals", (string name, TerminalService terminals) =>
            Results.Json(terminals.ListBySession(TerminalNames.SessionName(name)).Select(t => new
            {
                id = t.Id,
                tmux_session = t.SessionName,
                tmux_window = t.WindowName,
                provider = t.Provider,
                agent_profile = t.AgentProfile,
                working_directory = t.WorkingDirectory,
                allowed_tools = t.AllowedTools,
                shell_command = t.ShellCommand,
                caller_id = t.CallerId,
                engine = t.Engine,
                last_active = t.LastActive,
            })))
            .WithSummary("List a session's terminals")
            .WithDescription("The session's terminals as stored (Python's shape), without live status.");
    }

    private static void ValidateInitialMessage(CreateTerminalBody? body)
    {
        if (body is null)
            return;
        if (body.InitialMessage is { } message && string.IsNullOrWhiteSpace(message))
            throw new InvalidRequestException("initial_message must not be empty");
        if (body.InitialMessageOrchestrationType is { } type)
        {
            if (body.InitialMessage is null)
                throw new InvalidRequestException("initial_message_orchestration_type needs an initial_message");
            if (!OrchestrationTypeValues.Contains(type))
                throw new InvalidRequestException($"initial_message_orchestration_type must be one of {string.Join(", ", OrchestrationTypeValues)}");
        }
    }
}
