using System.Net;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary><c>GET /agents/profiles/{name}</c> answered 500 for a name that is not a profile name.</summary>
public sealed class ProfileLookupTests
{
    [Fact]
    public async Task AnInvalidNameIs400AndAnUnknownOneIs404()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var invalid = await server.GetJsonAsync("/agents/profiles/bad%20name!", HttpStatusCode.BadRequest);
        var dots = await server.GetJsonAsync("/agents/profiles/..%2F..%2Fetc", HttpStatusCode.BadRequest);
        var unknown = await server.GetJsonAsync("/agents/profiles/no_such_profile", HttpStatusCode.NotFound);

        Assert.Contains("Invalid agent profile name 'bad name!'", invalid["detail"]!.GetValue<string>());
        Assert.Contains("letters, digits", dots["detail"]!.GetValue<string>());
        Assert.Contains("GET /agents/profiles", unknown["detail"]!.GetValue<string>());
    }
}
