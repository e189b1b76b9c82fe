using CliAgentOrchestrator.Core.PluginHosting.PreHooks;

namespace CliAgentOrchestrator.Core.Errors;

/// <summary>A plugin's pre-hook refused the operation; <see cref="Denial"/> names the plugin, its reason and code.</summary>
public sealed class DeniedException(Denial denial) : CaoException(denial.ToString())
{
    public Denial Denial { get; } = denial;
}
