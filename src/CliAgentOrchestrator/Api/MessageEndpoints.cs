using System.ComponentModel;
using CliAgentOrchestrator.Core.Inbox;
using CliAgentOrchestrator.Core.Storage;
using Microsoft.AspNetCore.Mvc;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>GET /messages</c>: the inbox of every terminal at once, newest first, so the dashboard's message
/// timeline survives a server restart (the event history is in memory only).
/// </summary>
public static class MessageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/messages", (InboxService inbox,
            [FromQuery, Description("How many messages, newest first (1-1000, default 100)")] int? limit,
            [FromQuery, Description("Only messages in this state: pending, delivering, typing, delivered, failed or refused")] string? status) =>
            Results.Json(inbox.ListAll(limit ?? 100, status)))
            .WithSummary("List the messages of every inbox")
            .WithDescription("Messages queued between terminals (send_message, assign, handoff), newest first, with sender, receiver, orchestration type, delivery state and, for failed or refused ones, the reason.")
            .Produces<List<InboxMessage>>();
    }
}
