using System.Net;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>A provider whose CLI is not installed is refused with one line as soon as the pane's shell answers, not after the init timeout.</summary>
public sealed class MissingCliTests
{
    [Fact]
    public async Task CreatingAnAgentWhoseCliIsNowhereAnswers422WithOneLineAndLeavesNothingBehind()
    {
        // An init timeout of an hour: only the early lookup can make this request return.
        await using var server = await CaoTestServer.StartWithSettingsAsync(new Dictionary<string, string> { ["CAO_PROVIDER_INIT_TIMEOUT"] = "3600" });
        var executable = "cao-ghost-cli-" + Guid.NewGuid().ToString("N")[..8];
        server.Services.GetRequiredService<ProviderCatalog>().Register("ghost_cli", executable, context => new GhostCliProvider(context, executable));

        using var response = await server.Http.PostAsync(
            $"/sessions?provider=ghost_cli&agent_profile=developer&session_name=ghost&working_directory={Uri.EscapeDataString(server.WorkDirectory)}", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"'{executable}' is not on the PATH of new terminals; install it or choose another --provider than ghost_cli.", body);
        Assert.DoesNotContain("\n", body);
        Assert.Empty(server.TerminalRows());
        Assert.False(await server.Tmux.HasSessionAsync(TerminalNames.SessionPrefix + "ghost"));
    }

    private sealed class GhostCliProvider(ProviderContext context, string executable) : ProviderBase(context)
    {
        public override string Key => "ghost_cli";
        public override string ExitCommand => "/exit";
        protected override string LaunchBinaryHint => executable;
        public override string BuildLaunchCommand() => executable;
        public override TerminalStatus GetStatus(string screen) => TerminalStatus.Unknown;
        public override string ExtractLastMessage(string screen) => throw new ProviderExtractionException("none");
    }
}
