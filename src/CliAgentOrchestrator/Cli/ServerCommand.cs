using System.CommandLine;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Server;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao server</c> (also <c>cao-server</c>): runs the orchestrator server until SIGINT/SIGTERM.</summary>
public static class ServerCommand
{
    public static Command Create(CliContext context)
    {
        var host = new Option<string?>("--host") { Description = "Address to bind (default CAO_API_HOST or 127.0.0.1)" };
        // A string, checked by the configuration like CAO_API_PORT, so `--port abc` is the same one line.
        var port = new Option<string?>("--port") { Description = "Port to bind (default CAO_API_PORT or 9889)" };
        var command = new Command("server", "Run the CAO server (same as cao-server)") { host, port };
        // Through the common runner too: a port already in use is one line, not a stack trace.
        CliAction.Set(command, context, async (parse, _, _) =>
        {
            // The options override the environment and settings.json, through the same configuration;
            // a bad value is a CaoConfigurationException, which the runner prints as one line.
            var configuration = CaoConfiguration.FromProcess(new Dictionary<string, string?>
            {
                [CaoSettings.ApiHost.Key] = parse.GetValue(host),
                [CaoSettings.ApiPort.Key] = parse.GetValue(port),
            });
            ListenAddressCheck.EnsureAvailable(ServerOptions.From(configuration));
            var app = CaoServer.Build(configuration);
            try
            {
                // Opened before the host starts, so a corrupt or locked file is one line naming it and
                // the remedy, not the host's "failed to start" with a stack trace.
                app.Services.GetRequiredService<CaoDatabase>();
            }
            catch (StorageUnavailableException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                await app.DisposeAsync();
                return 1;
            }
            await app.RunAsync();
            return 0;
        });
        return command;
    }
}
