using System.Net;
using System.Net.Sockets;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>Free TCP ports on loopback, so every test server listens on its own.</summary>
public static class LoopbackPort
{
    /// <summary>A port the OS just handed out and released; free unless something grabs it in between.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
