using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>How CAO's services announce what happened. Publishing never blocks and never throws.</summary>
public interface ICaoEventPublisher
{
    /// <summary>Hands <paramref name="e"/> to every plugin subscribed to its type.</summary>
    void Publish(CaoEvent e);
}
