using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

[assembly: CaoPlugin("builtin_probe", typeof(CliAgentOrchestrator.Tests.PluginHosting.BuiltInProbePlugin))]

namespace CliAgentOrchestrator.Tests.PluginHosting;

public sealed class PluginLoadingTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";
    private const string Misbehaving = "Cao.TestPlugins.Misbehaving";

    [Fact]
    public async Task HealthyPluginIsSetUpOnceAndLogsLoaded()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Recorder);
        var host = await bed.StartAsync();

        Assert.Contains("Loaded CAO plugin: recorder", bed.Logs.Messages(LogLevel.Information));
        Assert.Equal(["setup"], bed.Records(Recorder, "recorder"));
        var info = Assert.Single(host.Describe());
        Assert.Equal(PluginStatus.Loaded, info.Status);
        Assert.Equal(6, info.Hooks.Count);
    }

    [Fact]
    public async Task SetupFailureDisablesOnlyThatPlugin()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        bed.Install(Recorder);
        var host = await bed.StartAsync();

        var failure = Assert.Single(bed.Logs.Logs, l => l.Message.StartsWith("Failed to load plugin 'setup_throws'"));
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("SETUP_THROWS_WEBHOOK_URL is not set", failure.Exception!.Message);
        Assert.Contains("Loaded CAO plugin: recorder", bed.Logs.Messages());

        host.Publish(new PostSendMessageEvent { Sender = "a", Receiver = "b", Message = "hi" });
        await Poll.UntilAsync(() => bed.Records(Recorder, "recorder").Count == 2, "recorder got the message");
        await host.StopAsync();

        Assert.Empty(bed.Records(Misbehaving, "setup_throws")); // neither hooks nor teardown
        Assert.Equal(PluginStatus.Failed, host.Describe().Single(p => p.Name == "setup_throws").Status);
    }

    [Fact]
    public async Task ConstructorWithRequiredParameterFailsWithAClearReason()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var host = await bed.StartAsync();

        var failure = Assert.Single(bed.Logs.Messages(LogLevel.Warning), m => m.StartsWith("Failed to load plugin 'required_ctor'"));
        Assert.Contains("public parameterless constructor", failure);
        Assert.Equal(PluginStatus.Failed, host.Describe().Single(p => p.Name == "required_ctor").Status);
    }

    [Fact]
    public async Task EntryPointThatIsNotACaoPluginIsSkipped()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        await bed.StartAsync();

        Assert.Contains("Plugin entry point 'not_a_plugin' is not a CaoPlugin subclass, skipping", bed.Logs.Messages(LogLevel.Warning));
    }

    [Fact]
    public async Task EveryEntryPointOfAnAssemblyLoadsOnItsOwn()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var host = await bed.StartAsync();

        var statuses = host.Describe().ToDictionary(p => p.Name, p => p.Status);
        Assert.Equal(PluginStatus.Loaded, statuses["teardown_throws"]);
        Assert.Equal(PluginStatus.Loaded, statuses["faulty_hooks"]);
        Assert.Equal(PluginStatus.Failed, statuses["setup_throws"]);
        Assert.Equal(PluginStatus.Failed, statuses["required_ctor"]);
        Assert.Equal(PluginStatus.Failed, statuses["not_a_plugin"]);
    }

    [Fact]
    public async Task HooksWithWrongSignaturesOrUnknownEventsAreRefusedAndTheRestLoad()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var host = await bed.StartAsync();

        var warnings = bed.Logs.Messages(LogLevel.Warning);
        Assert.Contains(warnings, m => m.StartsWith("Plugin 'faulty_hooks': hook 'FaultyHooksPlugin.BadSignatureAsync' for 'post_send_message' refused")
            && m.Contains("String") && m.Contains("PostSendMessageEvent"));
        Assert.Contains(warnings, m => m.StartsWith("Plugin 'faulty_hooks': hook 'FaultyHooksPlugin.MisspeltAsync' for 'post_send_mesage' refused: unknown event type"));
        Assert.Contains(warnings, m => m.StartsWith("Plugin 'faulty_hooks': hook 'FaultyHooksPlugin.NotAsync' for 'post_create_session' refused")
            && m.Contains("must return Task or ValueTask"));

        var faulty = host.Describe().Single(p => p.Name == "faulty_hooks");
        Assert.Equal(PluginStatus.Loaded, faulty.Status);
        Assert.Equal(3, faulty.RefusedHooks.Count);
        Assert.Equal(
            ["post_send_message: FaultyHooksPlugin.ThrowsAsync", "post_send_message: FaultyHooksPlugin.AfterThrowAsync",
             "post_send_message: FaultyHooksPlugin.SecondOnSameEventAsync", "post_kill_terminal: FaultyHooksPlugin.HangsAsync",
             "post_kill_terminal: FaultyHooksPlugin.AfterHangAsync"],
            faulty.Hooks);
    }

    [Fact]
    public async Task PluginsWithConflictingDependencyVersionsBothWork()
    {
        await using var bed = new PluginTestBed();
        bed.Install("Cao.TestPlugins.JsonOld");
        bed.Install("Cao.TestPlugins.JsonNew");
        var host = await bed.StartAsync();

        host.Publish(new PostSendMessageEvent { Message = "hello" });

        await Poll.UntilAsync(() => bed.Records("Cao.TestPlugins.JsonOld", "json_old").Count == 1 && bed.Records("Cao.TestPlugins.JsonNew", "json_new").Count == 1, "both plugins ran");
        Assert.Equal("newtonsoft=12.0.0.0 json={\"Message\":\"hello\"}", bed.Records("Cao.TestPlugins.JsonOld", "json_old")[0]);
        Assert.Equal("newtonsoft=13.0.0.0 json={\"Message\":\"hello\"}", bed.Records("Cao.TestPlugins.JsonNew", "json_new")[0]);
    }

    [Fact]
    public async Task PluginShippingItsOwnSdkCopyStillWorks()
    {
        await using var bed = new PluginTestBed();
        var folder = bed.Install("Cao.TestPlugins.OwnSdk");
        Assert.True(File.Exists(Path.Combine(folder, "CliAgentOrchestrator.Plugins.dll")));
        var host = await bed.StartAsync();

        host.Publish(new PostCreateSessionEvent { SessionName = "cao-x" });

        await Poll.UntilAsync(() => bed.Records("Cao.TestPlugins.OwnSdk", "own_sdk").Contains("session cao-x"), "own_sdk got the event");
        Assert.Contains("Loaded CAO plugin: own_sdk", bed.Logs.Messages());
    }

    [Fact]
    public async Task SecondPluginWithAnInstalledNameIsRefused()
    {
        await using var bed = new PluginTestBed();
        var first = bed.Install(Recorder, "a-recorder");
        bed.Install(Recorder, "b-recorder");
        var host = await bed.StartAsync();

        Assert.Contains($"Failed to load plugin 'recorder': a plugin named 'recorder' is already installed at {first}", bed.Logs.Messages(LogLevel.Warning));
        Assert.Equal([PluginStatus.Loaded, PluginStatus.Failed], host.Describe().Select(p => p.Status));
        Assert.Equal(["setup"], bed.Records("b-recorder", "recorder").Concat(bed.Records("a-recorder", "recorder")));
    }

    [Fact]
    public async Task NoInstalledPluginsLogsThatNoneAreRegistered()
    {
        await using var bed = new PluginTestBed();
        var host = await bed.StartAsync();

        Assert.Contains(bed.Logs.Messages(LogLevel.Information), m => m.StartsWith("No CAO plugins registered ("));
        Assert.Empty(host.Describe());
        host.Publish(new PostKillSessionEvent()); // nobody listens; must not throw
    }

    [Fact]
    public async Task FolderWithoutEntryPointIsSkippedWithAWarning()
    {
        await using var bed = new PluginTestBed();
        var empty = Directory.CreateDirectory(Path.Combine(bed.PluginsDirectory, "not-a-plugin")).FullName;
        File.WriteAllText(Path.Combine(empty, "readme.txt"), "nothing here");
        await bed.StartAsync();

        Assert.Contains(bed.Logs.Messages(LogLevel.Warning), m => m.Contains(empty) && m.Contains("skipping"));
    }

    [Fact]
    public async Task BuiltInPluginsRegisterThroughTheSamePath()
    {
        await using var bed = new PluginTestBed();
        var host = await bed.StartAsync(null, typeof(PluginLoadingTests).Assembly);

        Assert.Contains("Loaded CAO plugin: builtin_probe", bed.Logs.Messages());
        var probe = host.Describe().Single(p => p.Name == "builtin_probe");
        Assert.Equal("built-in", probe.Source);
        host.Publish(new PostCreateTerminalEvent { TerminalId = "abcd1234" });
        await Poll.UntilAsync(() => BuiltInProbePlugin.Seen.Contains("abcd1234"), "built-in plugin got the event");
    }

    [Fact]
    public async Task PluginPathFoldersAreSearchedToo()
    {
        using var extra = new TempDirectory();
        var target = Path.Combine(extra.Path, "recorder");
        PluginTestBed.CopyBuiltPlugin(Recorder, target);

        using var home = new TempDirectory();
        var roots = PluginDirectories.Resolve(home.Path, extra.Path);
        var folders = PluginDiscovery.Discover(roots);

        var folder = Assert.Single(folders);
        Assert.Equal(target, folder.Path);
        Assert.Equal([Path.Combine(target, "Cao.TestPlugins.Recorder.dll")], folder.EntryAssemblies);
    }
}
