using System.ComponentModel;
using CliAgentOrchestrator.Core.Inbox;
using CliAgentOrchestrator.Plugins;
using Microsoft.AspNetCore.Mvc;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// The inbox routes. Python takes <c>sender_id</c> and <c>message</c> in the query string; a JSON
/// body is accepted too, so long messages stay out of URLs and logs.
/// </summary>
public static class InboxEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/terminals/{id}/inbox/messages", async (string id, HttpRequest request, InboxService inbox,
            [FromQuery(Name = "sender_id"), Description("The sending terminal's id (or in the JSON body)")] string? senderId,
            [FromQuery, Description("The message text (or in the JSON body, better for long text)")] string? message, CancellationToken cancellationToken) =>
        {
            var body = await RequestReading.OptionalBodyAsync<InboxBody>(request, cancellationToken);
            var queued = inbox.Enqueue(
                RequestReading.Required(senderId ?? body?.SenderId, "sender_id"),
                id,
                RequestReading.Required(message ?? body?.Message, "message"),
                body?.OrchestrationType ?? OrchestrationTypes.SendMessage);
            return Results.Json(new
            {
                success = true,
                message_id = queued.Id,
                sender_id = queued.SenderId,
                receiver_id = queued.ReceiverId,
                created_at = queued.CreatedAt,
            });
        })
            .WithSummary("Queue a message for a terminal")
            .WithDescription("Queues the message in the receiver's inbox; it is typed in when the receiver is idle. Parameters in the query string (as Python) or a JSON body {sender_id, message, orchestration_type}.");

        app.MapGet("/terminals/{id}/inbox/messages", (string id, InboxService inbox,
            [FromQuery, Description("How many messages, the oldest first, as they are delivered (default 10, at most 100)")] int? limit,
            [FromQuery, Description("Only messages in this state: pending, delivered or failed")] string? status) =>
            Results.Json(inbox.List(id, limit ?? 10, status)))
            .WithSummary("List a terminal's inbox")
            .WithDescription("The messages queued for the terminal, with their delivery state.");
    }

    private sealed record InboxBody(string? SenderId, string? Message, string? OrchestrationType);
}
