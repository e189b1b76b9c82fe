using CliAgentOrchestrator.Core.Configuration;
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
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>Registers CAO's core — storage, tmux, providers, terminals, sessions, inbox, plugin host — with a host.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <param name="home">Where CAO keeps its state.</param>
    /// <param name="tmuxSocket">A private tmux server (<c>tmux -L</c>); null for the default one.</param>
    public static IServiceCollection AddCaoCore(this IServiceCollection services, CaoHome home, string? tmuxSocket)
    {
        services.AddSingleton(home);
        AddPluginHost(services, home);

        services.AddSingleton<CaoDatabase>();
        services.AddSingleton<TerminalRepository>();
        services.AddSingleton<InboxRepository>();
        services.AddSingleton(_ => new TmuxClient(tmuxSocket));
        services.AddSingleton(sp => new TerminalInputSender(sp.GetRequiredService<TmuxClient>()));
        services.AddSingleton(sp => new TerminalOutputService(sp.GetRequiredService<TmuxClient>(), loggerFactory: sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(_ => new ProviderCatalog());
        services.AddSingleton(_ => new ProfileStore(home.Root));
        services.AddSingleton<InboxQueue>();
        services.AddSingleton<ICallerNotifier>(sp => sp.GetRequiredService<InboxQueue>());
        services.AddSingleton<TerminalService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<RunStepService>();
        services.AddHostedService<CoreStartupService>();
        services.AddSingleton(_ => InboxOptions.FromEnvironment());
        services.AddSingleton<InboxService>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxService>());
        return services;
    }

    private static void AddPluginHost(IServiceCollection services, CaoHome home)
    {
        services.AddSingleton(PluginHostOptions.FromEnvironment());
        services.AddSingleton(_ => PluginSettings.Load(home.SettingsFile));
        services.AddSingleton<ICaoState, CaoStateView>();
        services.AddSingleton<PreHookChain>();
        services.AddSingleton(sp => new PluginHost(
            sp.GetRequiredService<PluginHostOptions>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<PluginSettings>(), sp.GetRequiredService<ICaoState>(), sp.GetRequiredService<PreHookChain>()));
        services.AddSingleton<ICaoEventPublisher>(sp => sp.GetRequiredService<PluginHost>());
        services.AddHostedService<PluginHostService>();
    }
}
