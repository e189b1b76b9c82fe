using System.Reflection;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>Loads the plugins when the server starts; drains and tears them down when it stops.</summary>
public sealed class PluginHostService(PluginHost host, CaoHome home, PluginHostOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var roots = PluginDirectories.Resolve(home.Root, options.PluginPath);
        var builtIns = new[] { typeof(PluginHostService).Assembly };
        return host.LoadAsync(PluginDiscovery.Discover(roots), builtIns, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync(cancellationToken);
}
