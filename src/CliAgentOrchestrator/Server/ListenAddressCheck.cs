using System.Net;
using System.Net.Sockets;
using CliAgentOrchestrator.Cli;

namespace CliAgentOrchestrator.Server;

/// <summary>
/// Binds the server's address once before anything starts, so a port already in use is one line and
/// exit code 1 — not Kestrel's stack trace after the database, tmux and the plugins were set up.
/// </summary>
public static class ListenAddressCheck
{
    public static void EnsureAvailable(ServerOptions options)
    {
        var address = Resolve(options.Host);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // As Kestrel binds: a port left in TIME_WAIT by an earlier server is free to use.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(address, options.Port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CliUserException($"Port {options.Port} on {options.Host} is already in use (another cao server?); stop that program, or start this one with --port <free port> (or CAO_API_PORT).");
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            throw new CliUserException($"Cannot listen on {options.Host}:{options.Port} ({ex.Message}); pick another --host or --port.");
        }
    }

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        if (host is "*" or "+")
            return IPAddress.Any;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new CliUserException($"--host {host} resolves to no address; pass an IP address such as 127.0.0.1.");
        }
        catch (SocketException ex)
        {
            throw new CliUserException($"--host {host} cannot be resolved ({ex.Message}); pass an IP address such as 127.0.0.1.");
        }
    }
}
