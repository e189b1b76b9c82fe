using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CliAgentOrchestrator.Tests.Messaging.InboxStress;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>A server restart in the middle of a delivery loses no message and types none twice.</summary>
public sealed class InboxRestartTests
{
    [Fact]
    public async Task FourHundredMessagesSurviveAServerRestartHalfwayWithoutLossOrDuplicates()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        await PostAsync(server, receiver, 0, PerSender / 2);
        // Stop while a batch is being typed (claimed, not yet marked): the riskiest moment, where a
        // stop that cancels mid-paste makes the next server type the same lines again.
        var inbox = server.Services.GetRequiredService<InboxRepository>();
        await Poll.UntilAsync(() => inbox.List(receiver, int.MaxValue, InboxStatuses.Delivering).Count > 0, "a batch being typed", Drain);
        await server.RestartAsync();
        await PostAsync(server, receiver, PerSender / 2, PerSender);

        await VerifyAsync(server, receiver);
    }
}
