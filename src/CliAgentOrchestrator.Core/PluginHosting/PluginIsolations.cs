namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The spellings of <see cref="PluginIsolation"/> in settings and on the command line.</summary>
public static class PluginIsolations
{
    /// <summary>The settings value of <paramref name="isolation"/>.</summary>
    public static string Name(PluginIsolation isolation) => isolation == PluginIsolation.Process ? "process" : "inprocess";

    /// <summary>Reads <c>process</c> or <c>inprocess</c> (also <c>in-process</c>, any case).</summary>
    public static bool TryParse(string value, out PluginIsolation isolation)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "process":
                isolation = PluginIsolation.Process;
                return true;
            case "inprocess" or "in-process":
                isolation = PluginIsolation.InProcess;
                return true;
            default:
                isolation = PluginIsolation.InProcess;
                return false;
        }
    }
}
