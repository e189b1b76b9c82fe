using CliAgentOrchestrator.Core.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CliAgentOrchestrator.Server;

/// <summary>
/// Attaches the OpenTelemetry SDK (OTLP export of CAO's spans and metrics) when the standard
/// variables ask for it: <c>OTEL_SDK_DISABLED=false</c>, or an OTLP endpoint
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or its <c>_TRACES_</c>/<c>_METRICS_</c> forms) without
/// <c>OTEL_SDK_DISABLED=true</c>. Off otherwise: nothing listens, and CAO's instrumentation costs a check.
/// The exporter itself reads the other <c>OTEL_*</c> variables (protocol, headers, intervals).
/// </summary>
public static class OpenTelemetrySetup
{
    public static bool IsEnabled(Func<string, string?> variable)
    {
        var disabled = variable("OTEL_SDK_DISABLED")?.Trim();
        if (string.Equals(disabled, "true", StringComparison.OrdinalIgnoreCase))
            return false;
        if (string.Equals(disabled, "false", StringComparison.OrdinalIgnoreCase))
            return true;
        return new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(variable(name)));
    }

    /// <param name="services">The host's services.</param>
    /// <param name="defaultServiceName">The <c>service.name</c> when <c>OTEL_SERVICE_NAME</c> does not set one.</param>
    /// <param name="variable">Reads an environment variable (tests pass their own).</param>
    /// <returns>True when the SDK was attached.</returns>
    public static bool AddIfEnabled(IServiceCollection services, string defaultServiceName, Func<string, string?> variable)
    {
        if (!IsEnabled(variable))
            return false;
        var serviceName = variable("OTEL_SERVICE_NAME") is { Length: > 0 } named ? named : defaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(OpenTelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(CaoTelemetry.Name)
                // The platform's own sources: the HTTP server span continues an incoming traceparent (the
                // MCP server's tool call), the HTTP client span carries it out.
                .AddSource("Microsoft.AspNetCore")
                .AddSource("System.Net.Http")
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(CaoTelemetry.Name)
                .AddOtlpExporter());
        return true;
    }
}
