using System.Text.Json;
using CliAgentOrchestrator.Api;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Hosting;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Sessions;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Server;

/// <summary>Builds and runs <c>cao-server</c>: the HTTP API, the plugin host and the core services.</summary>
public static class CaoServer
{
    /// <param name="configuration">Built by <see cref="CaoConfiguration"/>; tests build theirs the same way.</param>
    public static WebApplication Build(IConfiguration configuration, string[]? args = null)
    {
        var options = ServerOptions.From(configuration);
        var home = CaoHome.FromConfiguration(configuration).EnsureCreated();
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.BaseUrl);
        AllowMessagesInQueryStrings(builder, configuration);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        ServerLogging.Configure(builder.Logging, home, options);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (options.CorsOrigins.Contains("*"))
                policy.SetIsOriginAllowed(_ => true);
            else
                policy.WithOrigins(options.AllowedOrigins.ToArray());
            policy.AllowCredentials().AllowAnyHeader().AllowAnyMethod();
        }));

        builder.Services.AddOpenApi(ApiDocument.Configure);
        builder.Services.AddSingleton(options);
        builder.Services.AddCaoCore(configuration);
        Mcp.McpEndpoint.AddServices(builder.Services, configuration, options);
        OpenTelemetrySetup.AddIfEnabled(builder.Services, "cao-server", Environment.GetEnvironmentVariable);

        var app = builder.Build();
        app.Services.GetRequiredService<Core.Telemetry.CaoMetrics>(); // its observable instruments exist from the start
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<LocalRequestGuard>();
        app.UseCors();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapOpenApi().WithSummary("This API's OpenAPI document").ExcludeFromDescription();
        HealthEndpoints.Map(app);
        PluginEndpoints.Map(app);
        PluginToolEndpoints.Map(app);
        AgentEndpoints.Map(app);
        SessionEndpoints.Map(app);
        TerminalEndpoints.Map(app);
        InboxEndpoints.Map(app);
        RunStepEndpoints.Map(app);
        EventEndpoints.Map(app);
        MessageEndpoints.Map(app);
        TerminalAttachEndpoints.Map(app);
        Dashboard.DashboardEndpoints.Map(app);
        Mcp.McpEndpoint.Map(app);
        return app;
    }

    // Python clients put the message in the query string. Kestrel's default 8 KiB request line would
    // answer a long one 414 without a word; sized for the largest message percent-encoded (3 bytes
    // per byte), the request reaches us and an over-limit message gets the 413 that says what to do.
    private static void AllowMessagesInQueryStrings(WebApplicationBuilder builder, IConfiguration configuration)
    {
        var maxBytes = configuration.GetSection(MessageOptions.Section).Get<MessageOptions>()?.MaxBytes ?? new MessageOptions().MaxBytes;
        var line = (int)Math.Min(int.MaxValue / 2, Math.Max(8L * 1024, 3L * maxBytes + 4096));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = line;
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, line + 32 * 1024);
        });
    }
}
