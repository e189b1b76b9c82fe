using System.ComponentModel;
using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>The arguments of toolbox_echo.</summary>
public sealed record EchoArguments
{
    [Description("What to say back")]
    public string Text { get; init; } = "";

    [Description("How many times")]
    public int Times { get; init; } = 1;
}

/// <summary>What toolbox_add answers: an object, which reaches the agent as JSON.</summary>
public sealed record Sum(int Total, string Terminal);

/// <summary>Tools of every shape the SDK allows, plus one it refuses.</summary>
public sealed class ToolboxPlugin : CaoPlugin
{
    private string _greeting = "";

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        // State from setup is what tool calls see: they run in this instance, in the server.
        _greeting = Context.Settings.TryGetValue("greeting", out var greeting) ? greeting : "hello";
        return Task.CompletedTask;
    }

    [CaoTool("echo", Description = "Say the text back")]
    public string Echo(EchoArguments args) => string.Join(' ', Enumerable.Repeat(args.Text, args.Times));

    [CaoTool("whoami", Description = "The calling terminal and the plugin's greeting")]
    public Task<string> WhoAmIAsync(CaoToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult($"{_greeting} {context.TerminalId ?? "nobody"} via {context.QualifiedName}");

    [CaoTool("add")]
    public async ValueTask<Sum> AddAsync(AddArguments args, CaoToolContext context)
    {
        await Task.Yield();
        return new Sum(args.A + args.B, context.TerminalId ?? "");
    }

    [CaoTool("boom", Description = "Always fails")]
    public Task BoomAsync() => throw new InvalidOperationException("the boom tool exploded on purpose");

    [CaoTool("bad", Description = "Refused: CAO cannot fill an int parameter")]
    public string Bad(int count, string text) => text + count;
}

public sealed record AddArguments(int A, int B);
