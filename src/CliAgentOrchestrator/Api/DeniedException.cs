using CliAgentOrchestrator.PluginHosting.PreHooks;

namespace CliAgentOrchestrator.Api;

/// <summary>A plugin's pre-hook refused the operation: HTTP 403 naming the plugin, its reason and code.</summary>
public sealed class DeniedException(Denial denial) : ApiException(StatusCodes.Status403Forbidden, denial.ToString())
{
    public Denial Denial { get; } = denial;
}
