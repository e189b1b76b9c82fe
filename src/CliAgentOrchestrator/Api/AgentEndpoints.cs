using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Api;

/// <summary>Providers and agent profiles.</summary>
public static class AgentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/agents/providers", (ProviderCatalog providers) =>
            Results.Json(providers.List().Select(p => new { name = p.Name, binary = p.Binary, installed = p.Installed })))
            .WithSummary("List providers")
            .WithDescription("Every provider (agent CLI) CAO can drive, its binary and whether that binary is on PATH.");

        app.MapGet("/agents/profiles", (ProfileStore profiles) =>
            Results.Json(profiles.List().Select(p => new { name = p.Name, source = p.Source, description = p.Description })))
            .WithSummary("List agent profiles")
            .WithDescription("Built-in, installed and local agent profiles with where each comes from.");

        app.MapGet("/agents/profiles/{name}", (string name, ProfileStore profiles) =>
        {
            if (!ProfileNames.IsValid(name))
                throw new InvalidRequestException($"Invalid agent profile name '{name}': use 1-64 letters, digits, '_' or '-', not starting with '-'");
            FoundProfile? found;
            try
            {
                found = profiles.Find(name);
            }
            catch (ProfileException ex)
            {
                // The file exists but cannot be read as a profile: the user's to fix, not a server fault.
                throw new InvalidRequestException($"Agent profile '{name}' is invalid: {ex.Message}");
            }
            if (found is null)
                throw new NotFoundException($"Agent profile '{name}' not found; see GET /agents/profiles");
            var profile = found.Profile;
            return Results.Json(new
            {
                name = profile.Name,
                description = profile.Description,
                provider = profile.Provider,
                role = profile.Role,
                allowed_tools = profile.AllowedTools,
                mcp_servers = profile.McpServers,
                model = profile.Model,
                system_prompt = profile.EffectiveSystemPrompt,
                source = ProfileStore.SourceLabel(found.Source),
            });
        })
            .WithSummary("Show one agent profile")
            .WithDescription("The resolved profile: provider, role, allowed tools, MCP servers, model and system prompt. 400 for an invalid name or an unreadable profile, 404 when there is none.");
    }
}
