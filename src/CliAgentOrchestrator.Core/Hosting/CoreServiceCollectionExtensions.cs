using CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Inbox;
using CliAgentOrchestrator.Core.Orchestration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.PreHooks;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Sessions;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>Registers CAO's core — storage, tmux, providers, terminals, sessions, inbox, plugin host — with a host.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <param name="configuration">
    /// Built by <see cref="CaoConfiguration"/>: the home (<c>CAO_HOME_DIR</c>), the private tmux server
    /// (<c>CAO_TMUX_SOCKET</c>), and the options of the inbox, the output tail, the providers and the plugin host.
    /// </param>
    public static IServiceCollection AddCaoCore(this IServiceCollection services, IConfiguration configuration)
    {
        var home = CaoHome.FromConfiguration(configuration);
        var tmuxSocket = configuration[CaoSettings.TmuxSocket.Key];
        services.AddSingleton(home);
        services.AddSingleton(AgentConnection.From(configuration, home.Root));
        AddOptions<InboxOptions>(services, configuration, InboxOptions.Section);
        AddOptions<MessageOptions>(services, configuration, MessageOptions.Section);
        AddOptions<TerminalOutputTailOptions>(services, configuration, TerminalOutputTailOptions.Section);
        AddOptions<ProviderOptions>(services, configuration, ProviderOptions.Section);
        AddOptions<PluginHostOptions>(services, configuration, PluginHostOptions.Section);
        AddPluginHost(services, configuration);

        services.AddSingleton<CaoDatabase>();
        services.AddSingleton<TerminalRepository>();
        services.AddSingleton<InboxRepository>();
        services.AddSingleton(_ => new TmuxClient(tmuxSocket));
        services.AddSingleton(sp => new TerminalInputSender(sp.GetRequiredService<TmuxClient>()));
        services.AddSingleton(sp => new TerminalOutputService(
            sp.GetRequiredService<TmuxClient>(), sp.GetRequiredService<TerminalOutputTailOptions>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new ProviderCatalog(options: sp.GetRequiredService<ProviderOptions>()));
        services.AddSingleton(_ => new ProfileStore(home.Root));
        services.AddSingleton<InboxQueue>();
        services.AddSingleton<ICallerNotifier>(sp => sp.GetRequiredService<InboxQueue>());
        services.AddSingleton<TerminalService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<RunStepService>();
        services.AddHostedService<CoreStartupService>();
        services.AddHostedService<PipeWatchdogService>();
        services.AddHostedService<TerminalWatchdog>();
        services.AddSingleton<InboxService>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxService>());
        return services;
    }

    // Bound through IOptions (so a host may still Configure<T> them) and also registered as the plain
    // record, which is what the services take.
    private static void AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }

    private static void AddPluginHost(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => PluginSettings.From(configuration));
        services.AddSingleton<ICaoState, CaoStateView>();
        services.AddSingleton<PreHookChain>();
        services.AddSingleton<EventStreamHub>();
        services.AddSingleton(sp => new PluginHost(
            sp.GetRequiredService<PluginHostOptions>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<PluginSettings>(), sp.GetRequiredService<ICaoState>(), sp.GetRequiredService<PreHookChain>(),
            builtInFactory: type => type == typeof(EventStreamPlugin) ? new EventStreamPlugin(sp.GetRequiredService<EventStreamHub>()) : null,
            providers: sp.GetRequiredService<ProviderCatalog>()));
        services.AddSingleton<ICaoEventPublisher>(sp => sp.GetRequiredService<PluginHost>());
        services.AddHostedService<PluginHostService>();
        services.AddSingleton<CaoMetrics>();
    }
}
