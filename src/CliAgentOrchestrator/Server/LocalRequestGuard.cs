using CliAgentOrchestrator.Api;

namespace CliAgentOrchestrator.Server;

/// <summary>
/// What the Python server does to keep a local server local: the Host header must name this
/// machine (or a host in <c>CAO_ALLOWED_HOSTS</c>), which defeats DNS rebinding; and a
/// state-changing request that carries an <c>Origin</c> must come from the server itself or an
/// allowed origin, which defeats cross-site requests from a browser. Requests without an Origin
/// (the CLI, the MCP server, curl) pass.
/// </summary>
public sealed class LocalRequestGuard(RequestDelegate next, ServerOptions options)
{
    private static readonly HashSet<string> StateChanging = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "DELETE" };

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (!options.IsAllowedHost(host.Host))
            return ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid host header");

        if (StateChanging.Contains(context.Request.Method)
            && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !IsSameOrigin(origin, host) && !options.IsAllowedOrigin(origin))
        {
            return ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request blocked");
        }
        return next(context);
    }

    private static bool IsSameOrigin(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, host.Value, StringComparison.OrdinalIgnoreCase);
}
