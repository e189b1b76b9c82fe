using System.Runtime.CompilerServices;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting;

/// <summary>
/// Reloading a plugin under a running host, with the real builds v1 and v2 of one plugin assembly
/// (Cao.TestPlugins.Reloadable and .V2) swapped in its folder as a new build would be.
/// </summary>
public sealed class PluginReloadTests
{
    private const string V1 = "Cao.TestPlugins.Reloadable";
    private const string V2 = "Cao.TestPlugins.Reloadable.V2";
    private const string Folder = "Reloadable";

    [Fact]
    public async Task ReloadTearsTheOldBuildDownOnceAndTheNewBuildGetsTheNextEvents()
    {
        await using var bed = new PluginTestBed();
        bed.Install(V1, Folder);
        var host = await bed.StartAsync();
        host.Publish(new PostSendMessageEvent { Message = "one", Sender = "a" });
        await Poll.UntilAsync(() => Lines(bed).Contains("v1 message one from a"), "v1 to get the first event");

        NewBuild(bed, V2);
        var result = await host.ReloadAsync("reloadable");
        host.Publish(new PostSendMessageEvent { Message = "two", Sender = "a" });
        await Poll.UntilAsync(() => Lines(bed).Contains("v2 message two from a"), "v2 to get the next event");

        Assert.Equal(["v1 setup", "v1 message one from a", "v1 teardown", "v2 setup", "v2 message two from a"], Lines(bed));
        Assert.Equal(["reloadable"], result.Unloaded);
        var plugin = Assert.Single(host.Describe());
        Assert.Equal(PluginStatus.Loaded, plugin.Status);
        Assert.Equal(2, plugin.Delivered); // the queue, and its counters, outlive the instance
    }

    [Fact]
    public async Task TheOldLoadContextIsCollectedAfterAReload()
    {
        await using var bed = new PluginTestBed();
        bed.Install(V1, Folder);
        var host = await bed.StartAsync();
        host.Publish(new PostSendMessageEvent { Message = "one" });
        await Poll.UntilAsync(() => Lines(bed).Contains("v1 message one from "), "v1 to get an event");

        NewBuild(bed, V2);
        var oldContext = await ReloadAndKeepOnlyAWeakReferenceAsync(host);

        // Collection of an unloaded context takes a few GC cycles (its finalizers run in between).
        await Poll.UntilAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return !oldContext.IsAlive;
        }, "the old plugin load context to be collected", TimeSpan.FromSeconds(30));
        host.Publish(new PostSendMessageEvent { Message = "two" });
        await Poll.UntilAsync(() => Lines(bed).Contains("v2 message two from "), "v2 to keep working after the collection");
    }

    [Fact]
    public async Task EventsPublishedWhileTheOldBuildTearsDownWaitAndReachTheNewBuildInOrder()
    {
        await using var bed = new PluginTestBed();
        bed.Install(V1, Folder);
        var teardown = bed.Gate(Folder, "teardown");
        var host = await bed.StartAsync();

        var reloading = host.ReloadAsync("reloadable");
        await Poll.UntilAsync(() => Lines(bed).Contains("v1 teardown"), "the reload to reach v1's teardown");
        for (var i = 1; i <= 5; i++)
            host.Publish(new PostSendMessageEvent { Message = $"m{i}", Sender = "a" });
        Assert.Equal(5, host.Describe().Single().Queued); // held, not delivered to the instance being torn down
        NewBuild(bed, V2);
        teardown.SetResult();
        await reloading;

        await Poll.UntilAsync(() => Lines(bed).Count(l => l.StartsWith("v2 message", StringComparison.Ordinal)) == 5, "v2 to get the five held events");
        Assert.Equal(["v2 message m1 from a", "v2 message m2 from a", "v2 message m3 from a", "v2 message m4 from a", "v2 message m5 from a"],
            Lines(bed).Where(l => l.Contains("message", StringComparison.Ordinal)).ToList());
        Assert.Equal(0, host.Describe().Single().Dropped);
    }

    [Fact]
    public async Task ABrokenBuildKeepsTheEventsQueuedUntilAGoodBuildIsReloaded()
    {
        await using var bed = new PluginTestBed();
        bed.Install(V1, Folder);
        var host = await bed.StartAsync();

        // A build whose load context cannot be made (here: a corrupt .deps.json) fails and keeps the plugin's queue.
        var folder = Path.Combine(bed.PluginsDirectory, Folder);
        Directory.Delete(folder, recursive: true);
        PluginTestBed.CopyBuiltPlugin(V2, folder);
        File.WriteAllText(Path.Combine(folder, "Cao.TestPlugins.Reloadable.deps.json"), "{ not json");
        var broken = await host.ReloadAsync("reloadable");
        host.Publish(new PostSendMessageEvent { Message = "held", Sender = "a" });

        Assert.Equal(PluginStatus.Failed, Assert.Single(broken.Plugins).Status);
        Assert.Equal(1, host.Describe().Single().Queued);
        NewBuild(bed, V2);
        await host.ReloadAsync("reloadable");
        await Poll.UntilAsync(() => Lines(bed).Contains("v2 message held from a"), "the fixed build to get the held event");
    }

    [Fact]
    public async Task ReloadingAPluginWhoseFolderIsGoneTearsItDownAndRemovesIt()
    {
        await using var bed = new PluginTestBed();
        bed.Install(V1, Folder);
        var host = await bed.StartAsync();

        // The build output is gone; the folder stays (the plugin keeps its records there).
        foreach (var file in Directory.GetFiles(Path.Combine(bed.PluginsDirectory, Folder), "*.dll"))
            File.Delete(file);
        var result = await host.ReloadAsync("reloadable");
        host.Publish(new PostSendMessageEvent { Message = "after" });

        Assert.Empty(result.Plugins);
        Assert.Empty(host.Describe());
        Assert.Equal(["v1 setup", "v1 teardown"], Lines(bed));
    }

    [Fact]
    public async Task ReloadRefusesBuiltInAndUnknownPluginsWithWhatToDo()
    {
        await using var bed = new PluginTestBed();
        bed.Install(V1, Folder);
        var host = await bed.StartAsync(null, typeof(BuiltInProbePlugin).Assembly);

        var unknown = await Assert.ThrowsAsync<PluginReloadException>(() => host.ReloadAsync("ghost"));
        var builtIn = await Assert.ThrowsAsync<PluginReloadException>(() => host.ReloadAsync(BuiltInName(host)));

        Assert.True(unknown.NotFound);
        Assert.Contains("No plugin named 'ghost' is loaded or installed; loaded: ", unknown.Message);
        Assert.Contains("reloadable", unknown.Message);
        Assert.False(builtIn.NotFound);
        Assert.Contains("is built into CAO and cannot be reloaded", builtIn.Message);
    }

    private static string BuiltInName(PluginHost host) => host.Describe().First(p => p.Source == PluginHost.BuiltInSource).Name;

    // Separate and not inlined, so no local of the test method keeps the old context reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ReloadAndKeepOnlyAWeakReferenceAsync(PluginHost host)
    {
        var result = await host.ReloadAsync("reloadable");
        return result.OldContext ?? throw new InvalidOperationException("the reload unloaded no context");
    }

    // A new build replaces the folder's files (a delete first: a loaded assembly's file is never rewritten in place).
    private static void NewBuild(PluginTestBed bed, string project)
    {
        var folder = Path.Combine(bed.PluginsDirectory, Folder);
        Directory.Delete(folder, recursive: true);
        PluginTestBed.CopyBuiltPlugin(project, folder);
    }

    private static List<string> Lines(PluginTestBed bed) =>
        bed.Journal.Where(l => l.StartsWith("reloadable|", StringComparison.Ordinal)).Select(l => l["reloadable|".Length..]).ToList();
}
