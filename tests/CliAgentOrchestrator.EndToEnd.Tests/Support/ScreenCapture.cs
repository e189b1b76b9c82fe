using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.EndToEnd.Tests.Support;

/// <summary>
/// Saves the real CLIs' screens as provider fixtures when <c>CAO_CAPTURE_SCREENS=&lt;folder&gt;</c> is set
/// (a no-op otherwise), so the screens of <c>tests/CliAgentOrchestrator.Tests/Providers/Screens</c> can be
/// refreshed for the next CLI version by running the end-to-end tests once. Files are raw
/// <c>tmux capture-pane -p -e -J -S -200</c> output named <c>&lt;prefix&gt;_&lt;name&gt;.txt</c>.
/// </summary>
public sealed class ScreenCapture : IAsyncDisposable
{
    /// <summary>The variable naming the folder to save screens in.</summary>
    public const string Variable = "CAO_CAPTURE_SCREENS";

    private readonly AgentTestBed _bed;
    private readonly string _prefix;
    private readonly Dictionary<string, string> _pending;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch = Task.CompletedTask;

    private ScreenCapture(AgentTestBed bed, string prefix, IReadOnlyDictionary<string, string> markers)
    {
        _bed = bed;
        _prefix = prefix;
        _pending = new Dictionary<string, string>(markers);
        if (Folder is not null && _pending.Count > 0) _watch = WatchAsync();
    }

    /// <summary>The capture folder, or null when capturing is off.</summary>
    public static string? Folder => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? folder : null;

    /// <summary>
    /// Until disposed, looks at every pane of the bed's tmux server five times a second and saves, for each
    /// (name → text) of <paramref name="markers"/>, the first screen whose text contains it: for screens
    /// that come and go inside one API call, such as start-up dialogs answered during create.
    /// </summary>
    public static ScreenCapture Watch(AgentTestBed bed, string prefix, IReadOnlyDictionary<string, string> markers) => new(bed, prefix, markers);

    /// <summary>Saves the terminal's screen now as <paramref name="name"/>.</summary>
    public static async Task SaveAsync(AgentTestBed bed, string terminalId, string prefix, string name)
    {
        if (Folder is null) return;
        var terminal = await bed.GetAsync($"/terminals/{terminalId}");
        var target = new TmuxTarget(terminal["session_name"]!.GetValue<string>(), terminal["name"]!.GetValue<string>());
        Write(prefix, name, await bed.Server.Tmux.CapturePaneAsync(target, CaptureRange.WithHistory(200), withEscapes: true, joinWrapped: true));
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested && _pending.Count > 0)
        {
            try
            {
                foreach (var pane in await _bed.Server.Tmux.ListAllPanesAsync(_stop.Token) ?? [])
                {
                    var screen = await _bed.Server.Tmux.CapturePaneAsync(new TmuxTarget(pane.Session, pane.Window), CaptureRange.WithHistory(200),
                        withEscapes: true, joinWrapped: true, _stop.Token);
                    var plain = AnsiText.Strip(screen);
                    foreach (var (name, marker) in _pending.Where(p => plain.Contains(p.Value, StringComparison.Ordinal)).ToList())
                    {
                        Write(_prefix, name, screen);
                        _pending.Remove(name);
                    }
                }
                await Task.Delay(200, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (TmuxCommandException)
            {
                // A window closed between listing and capturing: look again.
            }
        }
    }

    private static void Write(string prefix, string name, string screen)
    {
        Directory.CreateDirectory(Folder!);
        File.WriteAllText(Path.Combine(Folder!, $"{prefix}_{name}.txt"), screen);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
