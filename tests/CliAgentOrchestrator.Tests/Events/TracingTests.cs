using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Tests.Mcp;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CliAgentOrchestrator.Tests.Events;

/// <summary>
/// Spans, links and traceparents of a real server (in-process, so the OpenTelemetry SDK's in-memory
/// exporter sees its spans) driving mock_cli in a private tmux, with the Recorder plugin loaded from disk.
/// The listener is process-wide, so every assertion picks spans by the ids this test created.
/// </summary>
public sealed class TracingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EventsCarryTheirOperationsSpanAndHooksAndDeliveriesContinueIt()
    {
        var spans = new List<Activity>();
        // With ASP.NET Core's source, as the server does: its request span is the sampled parent of CAO's.
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(CaoTelemetry.Name).AddSource("Microsoft.AspNetCore").AddInMemoryExporter(spans).Build();
        await using var server = await CaoTestServer.StartAsync();

        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var create = await SpanAsync(spans, CaoTelemetry.Spans.TerminalCreate, terminal);
        var session = await SpanAsync(spans, CaoTelemetry.Spans.SessionCreate, create.GetTagItem(CaoTelemetry.Attributes.Session) as string);
        Assert.Equal(session.SpanId, create.ParentSpanId);

        // post_create_terminal names the create span; the Recorder's hook call is a child of it.
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => e.Field("event_type") == "post_create_session"), "the session event", Wait);
        var created = server.RecordedEvents().First(e => e.Field("event_type") == "post_create_terminal");
        Assert.Equal(Traceparent(create), created.Field("traceparent"));
        Assert.Equal(Traceparent(session), server.RecordedEvents().First(e => e.Field("event_type") == "post_create_session").Field("traceparent"));
        var hook = await Poll.ForAsync(() => Snapshot(spans).FirstOrDefault(s => s.DisplayName == CaoTelemetry.Spans.PluginHook
            && s.ParentSpanId == create.SpanId && (string?)s.GetTagItem(CaoTelemetry.Attributes.Plugin) == "recorder"), "the recorder's hook span", Wait);
        Assert.Equal(("post_create_terminal", "ok"), ((string?)hook.GetTagItem(CaoTelemetry.Attributes.EventType), (string?)hook.GetTagItem(CaoTelemetry.Attributes.Outcome)));
        Assert.Equal(create.TraceId, hook.TraceId);

        // The status the creation led to belongs to the creation's trace.
        await server.WaitForStatusAsync(terminal, "idle", "completed");
        var status = (await HistoryAsync(server, "post_terminal_status_change")).First(e => e.Field("terminal_id") == terminal);
        Assert.Equal(create.TraceId.ToHexString(), TraceId(status));

        // A queued message: its delivery continues the trace that queued it, linked to the receiver's last operation.
        var sender = (await server.PostJsonAsync($"/sessions/{create.GetTagItem(CaoTelemetry.Attributes.Session)}/terminals?agent_profile=reviewer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: System.Net.HttpStatusCode.Created))["id"]!.GetValue<string>();
        using (var queueing = CaoTelemetry.Source.StartActivity("test.queue"))
        {
            Assert.NotNull(queueing);
            // The test's own span stands in for the caller's: the HTTP request carries it in, as the MCP server's would.
            var id = (await server.PostJsonAsync($"/terminals/{terminal}/inbox/messages", new { sender_id = sender, message = "traced-note" }))["message_id"]!.GetValue<long>();
            var deliver = await SpanAsync(spans, CaoTelemetry.Spans.InboxDeliver, terminal);
            Assert.Equal(queueing.TraceId, deliver.TraceId);
            Assert.Equal(id, (long)deliver.GetTagItem(CaoTelemetry.Attributes.MessageId)!);
            var link = Assert.Single(deliver.Links);
            Assert.Equal(create.SpanId, link.Context.SpanId); // the receiver's last operation: its creation
            var input = await Poll.ForAsync(() => Snapshot(spans).FirstOrDefault(s => s.DisplayName == CaoTelemetry.Spans.TerminalInput && s.ParentSpanId == deliver.SpanId), "the input span under the delivery", Wait);
            await Poll.UntilAsync(() => server.RecordedEvents().Any(e => e.Field("event_type") == "post_send_message"), "the delivery event", Wait);
            // Typed under the delivery's input span; announced by the delivery itself.
            Assert.Equal(input.TraceId, deliver.TraceId);
            Assert.Equal(Traceparent(deliver), server.RecordedEvents().First(e => e.Field("event_type") == "post_send_message").Field("traceparent"));
            var queued = (await HistoryAsync(server, "post_queue_message")).Single(e => e["message_id"]!.GetValue<long>() == id);
            Assert.Equal(queueing.TraceId.ToHexString(), TraceId(queued));
        }
    }

    [Fact]
    public async Task AHandoffIsOneTraceFromTheSupervisorsToolCallToTheWorkersAnswer()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(CaoTelemetry.Name).AddSource("Microsoft.AspNetCore").AddInMemoryExporter(spans).Build();
        await using var collector = await LoopbackReceiver.StartAsync(); // the MCP server exports its spans here (OTLP/HTTP)
        await using var server = await CaoTestServer.StartAsync();
        var supervisor = (await server.CreateMockSessionAsync("code_supervisor"))["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, supervisor, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url(""),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "600000",
        });

        var result = await agent.CallAsync("handoff", new() { ["agent_profile"] = "reviewer", ["message"] = "trace-me", ["timeout"] = 300 }, TimeSpan.FromMinutes(6));
        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
        var worker = result.Field("terminal_id")!;

        var handoff = await SpanAsync(spans, CaoTelemetry.Spans.Handoff, worker);
        var trace = handoff.TraceId;
        // The server's request span continues a parent from outside the process: the tool call.
        var request = Snapshot(spans).Single(s => s.SpanId == handoff.ParentSpanId);
        Assert.True(request.HasRemoteParent);
        // Creation, the task's input and teardown are inside it, and so is the worker's answer.
        Assert.Contains(Snapshot(spans), s => s.DisplayName == CaoTelemetry.Spans.TerminalCreate && s.TraceId == trace && (string?)s.GetTagItem(CaoTelemetry.Attributes.TerminalId) == worker);
        Assert.Contains(Snapshot(spans), s => s.DisplayName == CaoTelemetry.Spans.TerminalInput && s.TraceId == trace && (string?)s.GetTagItem(CaoTelemetry.Attributes.TerminalId) == worker);
        Assert.Contains(Snapshot(spans), s => s.DisplayName == CaoTelemetry.Spans.TerminalDelete && s.TraceId == trace && (string?)s.GetTagItem(CaoTelemetry.Attributes.TerminalId) == worker);
        var answered = (await HistoryAsync(server, "post_terminal_status_change")).Last(e => e.Field("terminal_id") == worker && e.Field("status") == "completed");
        Assert.Equal(trace.ToHexString(), TraceId(answered));

        // The MCP server exported the tool call's span with the same trace id (raw bytes in the OTLP protobuf).
        var traceBytes = Convert.FromHexString(trace.ToHexString());
        await Poll.UntilAsync(() => collector.Requests.Any(r => r.Path == "/v1/traces" && Contains(r.Body, traceBytes) && Contains(r.Body, Encoding.UTF8.GetBytes("cao.mcp.handoff"))),
            "the MCP server's span of the handoff in the collector", Wait).ContinueWith(t => t.IsFaulted
                ? throw new TimeoutException($"{t.Exception!.InnerException!.Message}; collector got {string.Join(", ", collector.Requests.Select(r => $"{r.Path} ({r.Body.Length} bytes)"))}; MCP server stderr: {string.Join(" | ", agent.Stderr.TakeLast(10))}")
                : Task.CompletedTask).Unwrap();
    }

    private static async Task<Activity> SpanAsync(List<Activity> spans, string name, string? id) =>
        await Poll.ForAsync(() => Snapshot(spans).FirstOrDefault(s => s.DisplayName == name
            && ((string?)s.GetTagItem(CaoTelemetry.Attributes.TerminalId) == id || (string?)s.GetTagItem(CaoTelemetry.Attributes.Session) == id)), $"span {name} of {id}", Wait);

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        return [.. spans.ToArray()]; // the exporter adds while tests read; ToArray copies without enumerating
    }

    private static string Traceparent(Activity span) => $"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-01";

    private static string? TraceId(JsonObject e) => e["traceparent"]?.GetValue<string>().Split('-')[1];

    private static async Task<List<JsonObject>> HistoryAsync(CaoTestServer server, string type) =>
        (await server.GetJsonAsync($"/events/history?limit=1000&type={type}")).AsArray().Select(n => n!.AsObject()).ToList();

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
