using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>
/// A model vendor on loopback for the real agent CLIs: the Anthropic Messages API (Claude Code,
/// Copilot CLI and OpenCode in Anthropic mode), the OpenAI Responses API (Codex) and the Gemini API
/// (Gemini CLI), all streaming with SSE. What it answers is decided by <see cref="ModelScript"/> from the prompt. It records every
/// request and when each answer's last token was sent, so tests can measure how soon CAO noticed.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<SentAnswer> _answers = new();

    private FakeModelServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash, no <c>/v1</c>).</summary>
    public string Url { get; }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Every answer sent, with the time its last token went out.</summary>
    public IReadOnlyList<SentAnswer> Answers => [.. _answers];

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
                var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        FakeModelServer? server = null;
        // Routes resolve the instance lazily: it exists once the app has started and its port is known.
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            server!._requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, DateTime.UtcNow));
            await next(context);
        });
        AnthropicMessagesApi.Map(app, answer => server!._answers.Enqueue(answer));
        OpenAiResponsesApi.Map(app, answer => server!._answers.Enqueue(answer));
        GeminiGenerateContentApi.Map(app, answer => server!._answers.Enqueue(answer));
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("{\"error\":{\"type\":\"not_found\",\"message\":\"the fake model server has no such route\"}}");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeModelServer(app, address.TrimEnd('/'));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One HTTP request the fake model server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, DateTime At);

/// <summary>One answer the fake model server sent: its text (or tool call) and when its last token went out.</summary>
public sealed record SentAnswer(string Api, ModelTurn Turn, DateTime LastTokenAt);
