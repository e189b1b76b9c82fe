using CliAgentOrchestrator.Core.Errors;

namespace CliAgentOrchestrator.Dashboard;

/// <summary>
/// <c>GET /</c> (the dashboard page) and <c>GET /dashboard/{path}</c> (its scripts, styles and the
/// vendored xterm.js). They sit behind the same Host guard as the API. Pages, not API: left out of the
/// OpenAPI document; docs/dashboard.md describes them.
/// </summary>
public static class DashboardEndpoints
{
    // Everything from this server only: no CDN, no inline script. Inline styles are allowed because
    // xterm.js sizes its rows with style elements.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Map(IEndpointRouteBuilder app)
    {
        var assets = new DashboardAssets();
        app.MapGet("/", (HttpContext context) => Serve(context, assets, "index.html"))
            .WithSummary("The web dashboard")
            .ExcludeFromDescription();
        app.MapGet("/dashboard/{**path}", (string path, HttpContext context) => Serve(context, assets, path))
            .WithSummary("The web dashboard's files")
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, DashboardAssets assets, string path)
    {
        var asset = assets.Find(path) ?? throw new NotFoundException($"No dashboard file '{path}'");
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate every time: a newer cao must never run with an older cached script.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
