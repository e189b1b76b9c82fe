using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CliAgentOrchestrator.Core.Telemetry;

/// <summary>
/// CAO's spans and metrics, in plain <see cref="System.Diagnostics"/>: the OpenTelemetry SDK is only
/// attached by the server (and <c>cao mcp-server</c>) when the operator turns tracing on. Without a
/// listener every <see cref="Source"/> call returns null and every instrument is disabled, so
/// tracing off costs a check per operation.
/// </summary>
public static class CaoTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "CliAgentOrchestrator";

    private static readonly string? Version = typeof(CaoTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Events published, by type.</summary>
    public static readonly Counter<long> EventsEmitted = Meter.CreateCounter<long>("cao.events.emitted", "{event}", "Events CAO published to plugins");

    /// <summary>How long one plugin hook call took, by plugin, event type and outcome.</summary>
    public static readonly Histogram<double> HookDuration = Meter.CreateHistogram<double>("cao.plugin.hook.duration", "s", "Duration of one plugin hook call");

    /// <summary>True while something (the OpenTelemetry SDK, a test) listens to CAO's spans.</summary>
    public static bool Tracing => Source.HasListeners();

    /// <summary>
    /// The current span's context when tracing is on; default otherwise. (ASP.NET Core starts an
    /// activity per request even with nothing listening: that one is never exported, so never referenced.)
    /// </summary>
    public static ActivityContext CurrentContext() =>
        Tracing && Activity.Current is { } current ? current.Context : default;

    /// <summary>
    /// The W3C <c>traceparent</c> of <paramref name="context"/>, or null for an empty context.
    /// </summary>
    public static string? Traceparent(ActivityContext context) =>
        context == default ? null
        : $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";

    /// <summary>The context a <c>traceparent</c> names; default when it is null or malformed.</summary>
    public static ActivityContext ParseTraceparent(string? traceparent) =>
        traceparent is not null && ActivityContext.TryParse(traceparent, null, out var context) ? context : default;

    /// <summary>Marks <paramref name="span"/> failed with the exception's message (no stack: user mistakes end here too).</summary>
    public static void Fail(Activity? span, Exception exception)
    {
        if (span is null)
            return;
        span.SetStatus(ActivityStatusCode.Error, exception.Message);
        span.SetTag("error.type", exception.GetType().Name);
    }

    // Span and attribute names, so dashboards and tests name the same things.
    public static class Spans
    {
        public const string SessionCreate = "cao.session.create";
        public const string SessionDelete = "cao.session.delete";
        public const string TerminalCreate = "cao.terminal.create";
        public const string TerminalDelete = "cao.terminal.delete";
        public const string TerminalInput = "cao.terminal.input";
        public const string InboxDeliver = "cao.inbox.deliver";
        public const string Handoff = "cao.handoff";
        public const string Assign = "cao.assign";
        public const string PluginHook = "cao.plugin.hook";
    }

    public static class Attributes
    {
        public const string TerminalId = "cao.terminal.id";
        public const string Session = "cao.session";
        public const string AgentProfile = "cao.agent_profile";
        public const string Provider = "cao.provider";
        public const string OrchestrationType = "cao.orchestration_type";
        public const string MessageId = "cao.message.id";
        public const string Sender = "cao.sender";
        public const string Plugin = "cao.plugin";
        public const string Hook = "cao.hook";
        public const string EventType = "cao.event_type";
        public const string Outcome = "cao.outcome";
        public const string Status = "cao.terminal.status";
    }
}
