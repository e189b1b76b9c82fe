using CliAgentOrchestrator.Tests.Support;
using static CliAgentOrchestrator.Tests.Messaging.InboxStress;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>Racing senders: each message is typed exactly once and each sender's arrive in the order it sent them.</summary>
public sealed class InboxRaceTests
{
    [Fact]
    public async Task FourHundredRacingMessagesAreEachDeliveredOnceInPerSenderOrder()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        await PostAsync(server, receiver, 0, PerSender);

        await VerifyAsync(server, receiver);
    }
}
