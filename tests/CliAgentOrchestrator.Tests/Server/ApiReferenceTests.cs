using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>The OpenAPI document at /openapi/v1.json is complete, and docs/api.md lists exactly its routes.</summary>
public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task EveryRouteHasASummaryAndEveryParameterADescription()
    {
        var operations = await OperationsAsync();

        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Route} has no summary (add .WithSummary)"));
        Assert.All(operations, o =>
        {
            foreach (var parameter in o.Operation["parameters"]?.AsArray() ?? [])
                Assert.False(string.IsNullOrWhiteSpace((string?)parameter!["description"]), $"{o.Route}: parameter '{parameter["name"]}' has no description");
        });
    }

    [Fact]
    public async Task TheApiPageListsExactlyTheRoutesOfTheOpenApiDocument()
    {
        var served = (await OperationsAsync()).Select(o => o.Route).Order(StringComparer.Ordinal).ToList();
        var documented = RouteHeading().Matches(File.ReadAllText(RepositoryFiles.Path("docs", "api.md")))
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(served, documented);
    }

    private static async Task<List<(string Route, JsonObject Operation)>> OperationsAsync()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var document = JsonNode.Parse(await server.Http.GetStringAsync("/openapi/v1.json"))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())))
            .ToList();
    }

    // docs/api.md names each route in a heading: ### `GET /sessions/{name}`
    [GeneratedRegex(@"^### `([A-Z]+ /[^`]*)`", RegexOptions.Multiline)]
    private static partial Regex RouteHeading();
}
