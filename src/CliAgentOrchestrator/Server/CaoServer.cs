using System.Text.Json;
using CliAgentOrchestrator.Api;
using CliAgentOrchestrator.Configuration;
using CliAgentOrchestrator.PluginHosting;
using CliAgentOrchestrator.Plugins;
using Serilog;

namespace CliAgentOrchestrator.Server;

/// <summary>Builds and runs <c>cao-server</c>: the HTTP API, the plugin host and the core services.</summary>
public static class CaoServer
{
    public static WebApplication Build(ServerOptions options, CaoHome home, string[]? args = null)
    {
        home.EnsureCreated();
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.BaseUrl);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        ConfigureLogging(builder, home);
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

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(home);
        builder.Services.AddSingleton(PluginHostOptions.FromEnvironment());
        builder.Services.AddSingleton(_ => PluginSettings.Load(home.SettingsFile));
        builder.Services.AddSingleton<ICaoState>(_ => PluginContext.Detached.State);
        builder.Services.AddSingleton(sp => new PluginHost(
            sp.GetRequiredService<PluginHostOptions>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<PluginSettings>(), sp.GetRequiredService<ICaoState>()));
        builder.Services.AddSingleton<ICaoEventPublisher>(sp => sp.GetRequiredService<PluginHost>());
        builder.Services.AddHostedService<PluginHostService>();

        var app = builder.Build();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<LocalRequestGuard>();
        app.UseCors();
        HealthEndpoints.Map(app);
        PluginEndpoints.Map(app);
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, CaoHome home)
    {
        var level = Environment.GetEnvironmentVariable("CAO_LOG_LEVEL") is { Length: > 0 } configured
            && Enum.TryParse<LogLevel>(configured, ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(level);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        var logFile = Path.Combine(home.LogDirectory, $"cao_{DateTime.Now:yyyyMMdd_HHmmss}.log");
        var fileLogger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.AddSerilog(fileLogger, dispose: true);
    }
}
