using System.Net;

namespace CliAgentOrchestrator.Dashboard;

/// <summary>
/// Who may open a terminal's attach socket: stricter than <see cref="Server.LocalRequestGuard"/>,
/// because the socket can type into an agent's terminal. The peer must be this machine (loopback),
/// and the request must carry an <c>Origin</c> equal to the server's own: a browser always sends one on
/// a WebSocket handshake and cannot forge it, and <c>CAO_CORS_ORIGINS</c> does not widen this, so only
/// pages served by this server can attach. Returns why not, or null when allowed.
/// </summary>
public static class AttachSocketGuard
{
    public static string? Refusal(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } peer || !IPAddress.IsLoopback(peer))
            return "The attach socket answers loopback clients only";
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return "The attach socket needs an Origin header: open it from the dashboard this server serves";
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return $"Cross-origin attach blocked: origin {origin} is not this server's";
        return null;
    }
}
