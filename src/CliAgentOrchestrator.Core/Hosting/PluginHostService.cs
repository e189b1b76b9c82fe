using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>Loads the plugins when the server starts; drains and tears them down when it stops.</summary>
public sealed class PluginHostService(PluginHost host, CaoHome home, PluginHostOptions options, ILogger<PluginHostService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var roots = PluginDirectories.Resolve(home.Root, options.PluginPath);
        var links = new PluginLinks(home.Root);
        host.ShadowRoot = Path.Combine(home.TempDirectory, "linked-plugins");
        ClearShadowCopies(host.ShadowRoot);
        // Read again at each reload, so a plugin installed or linked since the start can be loaded without a restart.
        host.FolderSource = () => [.. PluginDiscovery.Discover(roots), .. LinkedFolders(links)];
        var builtIns = new[] { typeof(PluginHostService).Assembly };
        return host.LoadAsync(host.FolderSource(), builtIns, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync(cancellationToken);

    private IReadOnlyList<PluginFolder> LinkedFolders(PluginLinks links)
    {
        try
        {
            return links.Folders();
        }
        catch (InstallationException ex)
        {
            logger.LogWarning("Linked plugins are not loaded: {Reason}", ex.Message);
            return [];
        }
    }

    // Copies of linked plugins a killed server left behind; nothing loads from them any more.
    private static void ClearShadowCopies(string root)
    {
        if (!Directory.Exists(root))
            return;
        foreach (var stale in Directory.GetDirectories(root))
        {
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
