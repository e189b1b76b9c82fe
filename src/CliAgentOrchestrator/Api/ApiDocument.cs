using Microsoft.AspNetCore.OpenApi;

namespace CliAgentOrchestrator.Api;

/// <summary>The OpenAPI document served at <c>/openapi/v1.json</c>; docs/api.md is checked against it.</summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CAO server API";
            document.Info.Description = "The HTTP API of cao server (the CLI Agent Orchestrator): sessions, terminals, inboxes, agent profiles and plugins. Listens on loopback; errors are {\"detail\": \"...\"}.";
            return Task.CompletedTask;
        });
        // Route parameters mean one thing per resource; described here once rather than on every handler.
        options.AddOperationTransformer((operation, context, _) =>
        {
            var route = context.Description.RelativePath ?? "";
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is Microsoft.OpenApi.OpenApiParameter { In: Microsoft.OpenApi.ParameterLocation.Path } path && string.IsNullOrEmpty(path.Description))
                    path.Description = PathParameter(route, path.Name ?? "");
            }
            return Task.CompletedTask;
        });
    }

    private static string? PathParameter(string route, string name) => (route.Split('/')[0], name) switch
    {
        ("terminals", "id") => "The terminal id (8 hexadecimal characters)",
        ("sessions", "name") => "The session name, with or without the cao- prefix",
        ("plugins", "name") => "The plugin's entry-point name, as GET /plugins shows it",
        ("agents", "name") => "The agent profile's name",
        _ => null,
    };
}
