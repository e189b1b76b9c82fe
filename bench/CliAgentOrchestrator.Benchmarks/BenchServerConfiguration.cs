using System.Net;
using System.Net.Sockets;
using CliAgentOrchestrator.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>The configuration of a benchmark's own server: its home, a free port, a private tmux server, quiet logs.</summary>
internal static class BenchServerConfiguration
{
    /// <param name="settings">More settings by variable (e.g. <c>CAO_MCP_TRANSPORT</c>); they win.</param>
    public static IConfiguration For(string home, IReadOnlyDictionary<string, string>? settings = null)
    {
        var variables = new Dictionary<string, string>
        {
            [CaoSettings.Home.Variable] = home,
            [CaoSettings.ApiPort.Variable] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CaoSettings.TmuxSocket.Variable] = "cao-bench-" + Guid.NewGuid().ToString("N")[..10],
            // The server's console log would interleave with the results.
            [CaoSettings.LogLevel.Variable] = "Warning",
        };
        foreach (var (variable, value) in settings ?? new Dictionary<string, string>())
            variables[variable] = value;
        return CaoConfiguration.Build(variables);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
