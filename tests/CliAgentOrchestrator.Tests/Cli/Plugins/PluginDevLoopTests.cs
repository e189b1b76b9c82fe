using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli.Plugins;

/// <summary>
/// The dev loop through a real server process: link a build output, fire test events, rebuild
/// (here: the other real build of the plugin written over the output), reload without a restart.
/// </summary>
public sealed class PluginDevLoopTests
{
    private const string V1 = "Cao.TestPlugins.Reloadable";
    private const string V2 = "Cao.TestPlugins.Reloadable.V2";

    [Fact]
    public async Task ALinkedBuildIsReloadedWithoutARestartAndTheLinkSurvivesOne()
    {
        await using var server = new CaoServerProcess();
        using var work = new TempDirectory();
        var build = Path.Combine(work.Path, "bin");
        var records = Path.Combine(work.Path, "records.log");
        CopyOver(V1, build);
        server.Environment["CAO_PLUGIN_RELOADABLE_RECORDS"] = records;
        var cli = CliRunner.ContextFor(server);

        var link = await CliRunner.RunAsync(cli, "plugin", "install", "--link", build);
        Assert.True(link.ExitCode == 0, link.ToString());
        Assert.Equal($"Linked reloadable to {build}", link.Out.Trim());
        await server.StartAsync();
        var first = await CliRunner.RunAsync(cli, "plugin", "test", "reloadable", "--event", "post_send_message", "--set", "message=one");
        // A rebuild writes over the output in place; the server runs a copy, so nothing changes under it.
        CopyOver(V2, build);
        var reload = await CliRunner.RunAsync(cli, "plugin", "reload", "reloadable");
        var second = await CliRunner.RunAsync(cli, "plugin", "test", "reloadable", "--event", "post_send_message", "--set", "message=two");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("ReloadablePlugin.OnMessageAsync: ok in ", first.Out.Trim());
        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Matches($@"^Reloaded reloadable \S+ from {System.Text.RegularExpressions.Regex.Escape(build)}: loaded, 2 hooks, 0 events waiting$", reload.Out.Trim());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["v1 setup", "v1 message one from test0001", "v1 teardown", "v2 setup", "v2 message two from test0001"], File.ReadAllLines(records));

        await server.KillAsync();
        await server.StartAsync();
        var list = await CliRunner.RunAsync(cli, "plugin", "list", "--json");
        // Beside the built-in plugins (events, webhook), the linked one.
        var row = Assert.Single(JsonNode.Parse(list.Out)!.AsArray(), r => (string?)r!["name"] == "reloadable")!;
        Assert.Equal("reloadable", (string?)row["name"]);
        Assert.Equal("loaded", (string?)row["state"]);
        Assert.True((bool)row["linked"]!);
        Assert.Equal("v2 setup", File.ReadAllLines(records)[^1]);
    }

    [Fact]
    public async Task PluginTestShowsExceptionsAndDecisionsAndOnlyThatPluginHearsTheEvent()
    {
        await using var server = new CaoServerProcess();
        using var work = new TempDirectory();
        var build = Path.Combine(work.Path, "bin");
        CopyOver(V1, build);
        PluginTestBed.CopyBuiltPlugin("Cao.TestPlugins.Recorder", Path.Combine(server.Home.PluginsDirectory, "recorder"));
        var cli = CliRunner.ContextFor(server);
        Assert.Equal(0, (await CliRunner.RunAsync(cli, "plugin", "install", "--link", build)).ExitCode);
        await server.StartAsync();

        var boom = await CliRunner.RunAsync(cli, "plugin", "test", "reloadable", "--event", "post_send_message", "--set", "message=boom");
        var json = await CliRunner.RunAsync(cli, "plugin", "test", "reloadable", "-e", "post_send_message", "-s", "message=boom", "--json");
        var deny = await CliRunner.RunAsync(cli, "plugin", "test", "reloadable", "--event", "pre_send_message", "--set", "message=forbidden words");
        var allow = await CliRunner.RunAsync(cli, "plugin", "test", "reloadable", "--event", "pre_send_message");

        Assert.Equal(1, boom.ExitCode);
        Assert.Matches(@"^ReloadablePlugin\.OnMessageAsync: threw System\.InvalidOperationException: v1 refuses to handle boom after \d+\.\d ms$", boom.Out.Trim());
        var hook = Assert.Single(JsonNode.Parse(json.Out)!["hooks"]!.AsArray())!;
        Assert.Equal("exception", (string?)hook["outcome"]);
        Assert.Equal("System.InvalidOperationException", (string?)hook["exception_type"]);
        Assert.True((double)hook["duration_ms"]! >= 0);
        Assert.True(deny.ExitCode == 0, deny.ToString());
        Assert.Matches(@"^ReloadablePlugin\.ScreenAsync: ok in \d+\.\d ms, decision: deny \(v1 does not pass 'forbidden', code forbidden_word\)$", deny.Out.Trim());
        Assert.EndsWith(", decision: allow", allow.Out.Trim());
        // The Recorder hooks post_send_message too, but a test event is for one plugin only.
        var recorder = await CliRunner.RunAsync(cli, "plugin", "info", "recorder", "--json");
        Assert.Equal(0L, (long)JsonNode.Parse(recorder.Out)!["events"]!["delivered"]!);
    }

    [Fact]
    public async Task ReloadOfAProjectLinkBuildsItFirst()
    {
        await using var server = new CaoServerProcess();
        using var work = new TempDirectory();
        var project = GeneratedProject(work.Path);
        var cli = CliRunner.ContextFor(server);

        var link = await CliRunner.RunAsync(cli, "plugin", "install", "--link", project);
        Assert.True(link.ExitCode == 0, link.ToString());
        var linked = Assert.Single(new PluginLinks(server.Home.Root).Read());
        Assert.Equal(Path.Combine(project, "Cao.DevLoop.csproj"), linked.Project);
        await server.StartAsync();
        File.WriteAllText(Path.Combine(project, "Version.cs"), "namespace Cao.DevLoop; internal static class Build { public const string Name = \"second\"; }");
        var reload = await CliRunner.RunAsync(cli, "plugin", "reload", "dev_loop");
        var test = await CliRunner.RunAsync(cli, "plugin", "test", "dev_loop", "--event", "post_send_message");

        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Contains("Built ", reload.Error);
        Assert.Equal(1, test.ExitCode); // the second build's hook throws, naming its build
        Assert.Contains("threw System.InvalidOperationException: build second", test.Out);
    }

    // A small plugin project of its own (not in the repository's build), referencing the SDK project like a template does.
    private static string GeneratedProject(string root)
    {
        var project = Directory.CreateDirectory(Path.Combine(root, "Cao.DevLoop")).FullName;
        File.WriteAllText(Path.Combine(project, "Cao.DevLoop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{RepositoryFiles.Path("src/CliAgentOrchestrator.Plugins/CliAgentOrchestrator.Plugins.csproj")}" Private="false" ExcludeAssets="runtime" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Plugin.cs"), """
            using CliAgentOrchestrator.Plugins;
            [assembly: CaoPlugin("dev_loop", typeof(Cao.DevLoop.DevLoopPlugin))]
            namespace Cao.DevLoop;
            public sealed class DevLoopPlugin : CaoPlugin
            {
                [Hook(EventTypes.PostSendMessage)]
                public Task OnMessageAsync(PostSendMessageEvent e) => throw new InvalidOperationException("build " + Build.Name);
            }
            """);
        File.WriteAllText(Path.Combine(project, "Version.cs"), "namespace Cao.DevLoop; internal static class Build { public const string Name = \"first\"; }");
        return project;
    }

    // What a build does to its output folder: the same file names, written over.
    private static void CopyOver(string project, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(PluginTestBed.BuiltPluginFolder(project)))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
    }
}
