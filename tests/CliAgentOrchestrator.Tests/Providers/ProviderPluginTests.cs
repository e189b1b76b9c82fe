using System.Net;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// A provider from a plugin folder: the Provider test plugin (a provider for the parrot CLI it ships,
/// written against the SDK's provider contract only) built and loaded from disk by a real server.
/// </summary>
public sealed class ProviderPluginTests
{
    private const string Plugin = "Cao.TestPlugins.Provider";

    [Fact]
    public async Task APluginProviderIsListedAndRunsAnAgentFromCreateToAnswer()
    {
        await using var server = await CaoTestServer.StartAsync(false, Plugin);

        var providers = (await server.GetJsonAsync("/agents/providers")).AsArray();
        var id = (await server.PostJsonAsync($"/sessions?agent_profile=developer&provider=parrot_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: HttpStatusCode.Created))["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(id, "idle");
        await server.PostJsonAsync($"/terminals/{id}/input?message=polly%20wants%20a%20cracker");
        await server.WaitForStatusAsync(id, "completed");
        var last = await server.GetJsonAsync($"/terminals/{id}/output?mode=last");

        Assert.Contains(providers, p => p!["name"]!.GetValue<string>() == "parrot_cli");
        Assert.Equal("parrot_cli", (await server.GetJsonAsync($"/terminals/{id}"))["provider"]!.GetValue<string>());
        Assert.Equal("polly wants a cracker", last["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task AKeyThatIsTakenIsRefusedAndTheBuiltInStays()
    {
        await using var server = await CaoTestServer.StartAsync(false, Plugin);

        var catalog = server.Services.GetRequiredService<ProviderCatalog>();
        var mock = catalog.Create("mock_cli", Context());

        Assert.IsType<MockCliProvider>(mock);
        Assert.Single(catalog.Keys, k => k == "mock_cli");
    }

    [Fact]
    public async Task ScreenHelpersCheckAPluginProviderAgainstCapturedScreens()
    {
        await using var server = await CaoTestServer.StartAsync(false, Plugin);
        var parrot = server.Services.GetRequiredService<ProviderCatalog>().Create("parrot_cli", Context());
        var screens = Path.Combine(PluginTestBed.BuiltPluginFolder(Plugin), "Screens");

        ProviderScreens.AssertStatus(parrot, Path.Combine(screens, "idle.txt"), TerminalStatus.Idle);
        ProviderScreens.AssertStatus(parrot, Path.Combine(screens, "completed.txt"), TerminalStatus.Completed);
        ProviderScreens.AssertLastMessage(parrot, Path.Combine(screens, "completed.txt"), "hello");
        var wrong = Assert.Throws<InvalidOperationException>(() => ProviderScreens.AssertStatus(parrot, Path.Combine(screens, "idle.txt"), TerminalStatus.Completed));
        var none = Assert.Throws<InvalidOperationException>(() => ProviderScreens.AssertLastMessage(parrot, Path.Combine(screens, "idle.txt"), "hello"));

        Assert.StartsWith("idle.txt: parrot_cli read status Idle, expected Completed. Last lines:\nparrot>", wrong.Message);
        Assert.StartsWith("idle.txt: parrot_cli found no answer (parrot_cli: no 'PARROT:' line on the screen)", none.Message);
    }

    private static ProviderContext Context() => new("a1b2c3d4", "cao-test", "developer-0001", null, null, Path.GetTempPath());
}
