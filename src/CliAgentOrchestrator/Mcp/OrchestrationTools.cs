using System.ComponentModel;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Telemetry;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// The tools an agent uses to work with other agents. Each is a thin HTTP call to cao-server's API on
/// behalf of this terminal, from <c>cao mcp-server</c> or from the server's own MCP endpoint over loopback:
/// both take the same path through pre-hooks, checks and events. Results are JSON objects with
/// <c>success</c> and <c>error</c> or <c>message</c>, as in the Python original, so prompts written for it keep working.
/// </summary>
[McpServerToolType]
public sealed class OrchestrationTools(CaoApiClient api, McpCaller caller, McpOptions options)
{
    /// <summary>What a handoff may take beyond its worker's timeout: starting the worker and reading its answer.</summary>
    private static readonly TimeSpan HandoffMargin = TimeSpan.FromSeconds(180);

    [McpServerTool(Name = "send_message"), Description("Send a message to another agent's terminal inbox. It is delivered when that agent is ready. Without receiver_id it goes to the agent that assigned you your task.")]
    public async Task<JsonObject> SendMessageAsync(
        [Description("The message text")] string message,
        [Description("Terminal id of the receiver (8 hex characters); defaults to the terminal that started you")] string? receiver_id = null,
        CancellationToken cancellationToken = default)
    {
        using var span = StartTool("send_message");
        if (caller.TerminalId is not { } own)
            return Failure(NoTerminal("send_message"));
        try
        {
            var receiver = receiver_id;
            if (string.IsNullOrWhiteSpace(receiver))
            {
                var self = await api.GetAsync($"/terminals/{own}", cancellationToken);
                receiver = self?["caller_id"]?.GetValue<string>();
                if (string.IsNullOrEmpty(receiver))
                    return Failure("No receiver_id given and this terminal has no caller to answer to; pass receiver_id");
            }
            if (receiver == own)
                return Failure("Cannot send a message to yourself; pass another terminal's id as receiver_id");
            var result = await api.PostAsync($"/terminals/{receiver}/inbox/messages",
                new { sender_id = own, message = MessageNotes.FromTerminal(message, own, options.SenderIdInjection) }, cancellationToken);
            return result as JsonObject ?? new JsonObject { ["success"] = true };
        }
        catch (CaoApiException ex)
        {
            return Failure(ex.Message);
        }
    }

    [McpServerTool(Name = "assign"), Description("Start a worker agent with a task and return at once with its terminal id. The worker reports back with send_message. Delete the worker with delete_terminal when done.")]
    public async Task<JsonObject> AssignAsync(
        [Description("The agent profile of the worker, e.g. developer")] string agent_profile,
        [Description("The task for the worker")] string message,
        [Description("Model override for the worker")] string? model = null,
        CancellationToken cancellationToken = default)
    {
        using var span = StartTool("assign");
        if (caller.TerminalId is not { } own)
            return Failure(NoTerminal("assign"));
        try
        {
            var self = await api.GetAsync($"/terminals/{own}", cancellationToken) as JsonObject ?? new JsonObject();
            var provider = await WorkerProviderAsync(agent_profile, self, cancellationToken);
            var cwd = (await api.GetAsync($"/terminals/{own}/working-directory", cancellationToken))?["working_directory"]?.GetValue<string>();
            var session = self["session_name"]?.GetValue<string>();
            var path = CaoApiClient.Query($"/sessions/{session}/terminals",
                ("provider", provider), ("agent_profile", agent_profile), ("caller_id", own),
                ("working_directory", cwd), ("model", model), ("defer_init", (object)true));
            var worker = await api.PostAsync(path, new
            {
                initial_message = MessageNotes.AssignedBy(message, own, options.SenderIdInjection),
                initial_message_orchestration_type = "assign",
            }, cancellationToken);
            var id = worker?["id"]?.GetValue<string>();
            return new JsonObject
            {
                ["success"] = true,
                ["terminal_id"] = id,
                ["message"] = $"Assigned to {agent_profile} in terminal {id}. It will report back with send_message; delete it with delete_terminal when its work is done.",
            };
        }
        catch (CaoApiException ex)
        {
            return Failure(ex.Message);
        }
    }

    [McpServerTool(Name = "handoff"), Description("Hand a task to a new worker agent, wait until it finishes, and return its answer. The worker is removed afterwards.")]
    public async Task<JsonObject> HandoffAsync(
        [Description("The agent profile of the worker, e.g. developer")] string agent_profile,
        [Description("The task for the worker")] string message,
        [Description("Seconds to wait for the worker to finish (1-3600)")] int timeout = 600,
        [Description("Model override for the worker")] string? model = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var span = StartTool("handoff");
        if (timeout is < 1 or > 3600)
            return Failure("timeout must be between 1 and 3600 seconds");
        await using var waiting = new HandoffProgress(progress, agent_profile, timeout);
        var own = caller.TerminalId;
        try
        {
            JsonObject self = own is null ? new JsonObject() : await api.GetAsync($"/terminals/{own}", cancellationToken) as JsonObject ?? new JsonObject();
            var provider = await WorkerProviderAsync(agent_profile, self, cancellationToken);
            var cwd = own is null ? null : (await api.GetAsync($"/terminals/{own}/working-directory", cancellationToken))?["working_directory"]?.GetValue<string>();
            var result = await api.PostAsync("/terminals/run-step", new
            {
                provider,
                agent = agent_profile,
                prompt = message,
                teardown = true,
                timeout,
                session_name = self["session_name"]?.GetValue<string>(),
                caller_id = own,
                working_directory = cwd,
                model,
            }, TimeSpan.FromSeconds(timeout) + HandoffMargin, cancellationToken);
            var output = result?["last_message"]?.GetValue<string>() ?? "";
            return new JsonObject
            {
                ["success"] = true,
                ["message"] = $"{agent_profile} finished",
                ["output"] = output,
                ["terminal_id"] = result?["terminal_id"]?.GetValue<string>(),
            };
        }
        catch (CaoApiException ex)
        {
            return Failure(ex.Message);
        }
    }

    [McpServerTool(Name = "delete_terminal"), Description("Delete a worker's terminal (stops its CLI and closes its window).")]
    public async Task<JsonObject> DeleteTerminalAsync(
        [Description("Terminal id (8 hex characters)")] string terminal_id,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await api.DeleteAsync($"/terminals/{Uri.EscapeDataString(terminal_id)}", cancellationToken);
            return new JsonObject { ["success"] = true, ["message"] = $"Terminal {terminal_id} deleted" };
        }
        catch (CaoApiException ex) when (ex.StatusCode == 404)
        {
            return Failure($"Terminal {terminal_id} not found");
        }
        catch (CaoApiException ex)
        {
            return Failure(ex.Message);
        }
    }

    // The tool call's span: cao-server's spans for the request continue it (the HTTP client sends its
    // traceparent), so a handoff is one trace from this call to the worker's answer. Null when tracing is off.
    private System.Diagnostics.Activity? StartTool(string tool)
    {
        var span = CaoTelemetry.Source.StartActivity("cao.mcp." + tool, System.Diagnostics.ActivityKind.Client);
        span?.SetTag(CaoTelemetry.Attributes.TerminalId, caller.TerminalId);
        return span;
    }

    // The worker runs its profile's provider; without one, the supervisor's provider.
    private async Task<string?> WorkerProviderAsync(string profile, JsonObject supervisor, CancellationToken cancellationToken)
    {
        try
        {
            var found = await api.GetAsync($"/agents/profiles/{Uri.EscapeDataString(profile)}", cancellationToken);
            if (found?["provider"]?.GetValue<string>() is { Length: > 0 } provider)
                return provider;
        }
        catch (CaoApiException ex) when (ex.StatusCode == 404)
        {
            // unknown here; the server decides and reports
        }
        return supervisor["provider"]?.GetValue<string>();
    }

    private static string NoTerminal(string tool) =>
        $"This MCP connection acts for no CAO terminal ({TerminalIdentity.Variable} unset, or an MCP URL without /terminals/<id>); {tool} only works inside a CAO terminal";

    private static JsonObject Failure(string error) => new() { ["success"] = false, ["error"] = error };
}
