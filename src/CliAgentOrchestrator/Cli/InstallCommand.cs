using System.CommandLine;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao install &lt;name|path.md&gt;</c>: installs an agent profile into the CAO home directly
/// (no server needed), with <see cref="ProfileInstaller"/>, and prints every file it wrote.
/// </summary>
public static class InstallCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("agent") { Description = "A profile name (built-in or already known) or the path of a .md profile" };
        var provider = new Option<string?>("--provider") { Description = "Provider the agent is meant for (default: the profile's provider, else kiro_cli)" };
        var command = new Command("install", "Install an agent profile into the CAO home") { source, provider };
        CliAction.Set(command, context, (parse, console, _) =>
        {
            var catalog = new ProviderCatalog();
            var chosen = parse.GetValue(provider);
            if (chosen is not null && !catalog.Contains(chosen))
                throw new CliUserException($"Unknown provider '{chosen}'; use one of: {string.Join(", ", catalog.Keys)}.");

            var store = new ProfileStore(context.Home.Root);
            var installer = new ProfileInstaller(store, ProfileInstaller.DefaultKiroAgentsDirectory(context.UserHome, context.Variable));
            var result = installer.Install(parse.GetValue(source)!);
            var effective = chosen ?? store.Find(result.Name)?.Profile.Provider ?? ProviderCatalog.DefaultKey;

            if (result.StorePath is not null)
                console.Out.WriteLine($"✓ Copied to the agent store: {result.StorePath}");
            console.Out.WriteLine($"✓ Agent '{result.Name}' installed");
            console.Out.WriteLine($"✓ Context file: {result.ContextPath}");
            console.Out.WriteLine($"✓ kiro_cli agent: {result.KiroAgentPath}");
            // Claude Code, Codex, Copilot CLI and OpenCode receive prompt, tools and MCP servers at launch (flags or per-terminal files).
            if (effective != KiroCliProvider.ProviderKey)
                console.Out.WriteLine($"  {effective} needs no provider-side file; launch with: cao launch --agents {result.Name} --provider {effective}");
            return Task.FromResult(0);
        });
        return command;
    }
}
