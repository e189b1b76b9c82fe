namespace CliAgentOrchestrator.Api;

public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", () => Results.Json(new
        {
            status = "ok",
            service = "cli-agent-orchestrator",
            terminal_backend = "tmux",
        }));
}
