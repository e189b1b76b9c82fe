using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Configuration;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>
/// What a <c>cao plugin</c> command reads and writes besides its arguments: environment variables,
/// the console, and the server's address. Tests pass their own, so they never touch the process's.
/// </summary>
public sealed class CliEnvironment(IReadOnlyDictionary<string, string> variables, IAnsiConsole output, TextWriter error, Uri serverAddress)
{
    /// <summary>The process environment, the real console, and the server at CAO_API_HOST:CAO_API_PORT.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = CaoConfiguration.ProcessEnvironment();
        var server = Server.ServerOptions.From(CaoConfiguration.Build(variables));
        using var client = CaoApiClient.Connect(server.Host, server.Port);
        return new CliEnvironment(variables, AnsiConsole.Console, Console.Error, client.BaseAddress);
    }

    public IReadOnlyDictionary<string, string> Variables => variables;

    public string? Variable(string name) => variables.GetValueOrDefault(name);

    public IAnsiConsole Out => output;

    public TextWriter Error => error;

    public Uri ServerAddress => serverAddress;
}
