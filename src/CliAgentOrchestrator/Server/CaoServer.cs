using System.Text.Json;
using CliAgentOrchestrator.Api;
using CliAgentOrchestrator.Configuration;
using CliAgentOrchestrator.Inbox;
using CliAgentOrchestrator.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Profiles;
using CliAgentOrchestrator.Providers;
using CliAgentOrchestrator.Sessions;
using CliAgentOrchestrator.Storage;
using CliAgentOrchestrator.Terminals;
using CliAgentOrchestrator.Terminals.Input;
using CliAgentOrchestrator.Terminals.Output;
using CliAgentOrchestrator.Tmux;
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
        builder.Services.AddSingleton<ICaoState, CaoStateView>();
        builder.Services.AddSingleton<PluginHosting.PreHooks.PreHookChain>();
        builder.Services.AddSingleton(sp => new PluginHost(
            sp.GetRequiredService<PluginHostOptions>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<PluginSettings>(), sp.GetRequiredService<ICaoState>(), sp.GetRequiredService<PluginHosting.PreHooks.PreHookChain>()));
        builder.Services.AddSingleton<ICaoEventPublisher>(sp => sp.GetRequiredService<PluginHost>());
        builder.Services.AddHostedService<PluginHostService>();
        AddCore(builder.Services, home);

        var app = builder.Build();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<LocalRequestGuard>();
        app.UseCors();
        HealthEndpoints.Map(app);
        PluginEndpoints.Map(app);
        AgentEndpoints.Map(app);
        SessionEndpoints.Map(app);
        TerminalEndpoints.Map(app);
        InboxEndpoints.Map(app);
        RunStepEndpoints.Map(app);
        return app;
    }

    private static void AddCore(IServiceCollection services, CaoHome home)
    {
        services.AddSingleton<CaoDatabase>();
        services.AddSingleton<TerminalRepository>();
        services.AddSingleton<InboxRepository>();
        services.AddSingleton(sp => new TmuxClient(sp.GetRequiredService<ServerOptions>().TmuxSocket));
        services.AddSingleton(sp => new TerminalInputSender(sp.GetRequiredService<TmuxClient>()));
        services.AddSingleton(sp => new TerminalOutputService(sp.GetRequiredService<TmuxClient>(), loggerFactory: sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(_ => new ProviderCatalog());
        services.AddSingleton(_ => new ProfileStore(home.Root));
        services.AddSingleton<TerminalService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<RunStepService>();
        services.AddHostedService<CoreStartupService>();
        services.AddSingleton(_ => InboxOptions.FromEnvironment());
        services.AddSingleton<InboxService>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxService>());
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
