using System.Diagnostics;
using System.Text.Json;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting.Isolation;

/// <summary>The Crashing plugin isolated in a real child process, beside the Recorder in-process.</summary>
internal static class IsolatedPluginBed
{
    public const string Crashing = "Cao.TestPlugins.Crashing";
    public const string Recorder = "Cao.TestPlugins.Recorder";

    public static PluginHostOptions Options(int maxRestarts = 5, int queueCapacity = 10_000) => new()
    {
        HookTimeout = TimeSpan.FromSeconds(5),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        HeartbeatTimeout = TimeSpan.FromSeconds(2),
        RestartBackoff = TimeSpan.FromMilliseconds(200),
        MaxRestarts = maxRestarts,
        QueueCapacity = queueCapacity,
    };

    /// <summary>Installs both plugins and writes settings.json with the crasher's settings (isolation=process plus <paramref name="crasher"/>).</summary>
    public static void Install(PluginTestBed bed, IReadOnlyDictionary<string, string>? crasher = null)
    {
        bed.Install(Crashing);
        bed.Install(Recorder);
        var settings = new Dictionary<string, string> { ["isolation"] = "process" };
        foreach (var (key, value) in crasher ?? new Dictionary<string, string>())
            settings[key] = value;
        File.WriteAllText(Path.Combine(bed.HomeDirectory, "settings.json"), JsonSerializer.Serialize(new { plugins = new { crasher = settings } }));
    }

    public static PluginInfo Crasher(PluginHost host) => host.Describe().Single(p => p.Name == "crasher");

    public static IReadOnlyList<string> CrasherEvents(PluginTestBed bed) =>
        bed.Records(Crashing, "crasher").Where(l => l.StartsWith("event ", StringComparison.Ordinal)).ToList();

    public static IReadOnlyList<string> RecorderMessages(PluginTestBed bed) =>
        bed.Records(Recorder, "recorder").Where(l => l.StartsWith("event ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["event ".Length..]).RootElement)
            .Where(e => e.GetProperty("event_type").GetString() == EventTypes.PostSendMessage)
            .Select(e => e.GetProperty("message").GetString()!)
            .ToList();

    public static PostSendMessageEvent Message(string text) =>
        new() { Sender = "aaaa1111", Receiver = "bbbb2222", Message = text, OrchestrationType = "send_message" };

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
