using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// A terminal whose screen the test controls: commands and keys are recorded, and each may change
/// the screen the way the real CLI would (launch shows a dialog, a key dismisses it).
/// </summary>
internal sealed class ScriptedConsole : ITerminalConsole
{
    private readonly object _gate = new();
    private string _screen;
    private string? _probeAnswer;
    private int _probedAtCapture;

    public ScriptedConsole(string initialScreen) => _screen = initialScreen;

    public string TerminalId => "0123abcd";

    /// <summary>The commands typed, without the shell-ready probes (see <see cref="ShellAnswersAfter"/>).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>
    /// After how many captures the shell prints its answer to a <see cref="ShellReadyProbe"/> command,
    /// as a real shell does once its start-up files ran; null: never (a shell that hangs).
    /// </summary>
    public int? ShellAnswersAfter { get; set; } = 0;

    /// <summary>What the shell's probe answers about the CLI's executable: on the pane's PATH or not.</summary>
    public bool ExecutableOnPath { get; set; } = true;

    /// <summary>Probes typed so far.</summary>
    public int Probes { get; private set; }

    public List<string> Keys { get; } = [];

    public int Captures { get; private set; }

    public TerminalStatus CurrentStatus { get; set; } = TerminalStatus.Unknown;

    /// <summary>Called with each command typed; returns the new screen, or null to keep it.</summary>
    public Func<string, string?> OnCommand { get; set; } = _ => null;

    /// <summary>Called with each key sent; returns the new screen, or null to keep it.</summary>
    public Func<string, string?> OnKey { get; set; } = _ => null;

    /// <summary>Called on every capture; returns the new screen, or null to keep it (e.g. a screen that never settles).</summary>
    public Func<int, string?> OnCapture { get; set; } = _ => null;

    public string Screen { get { lock (_gate) return _screen; } set { lock (_gate) _screen = value; } }

    public Task RunCommandAsync(string text, CancellationToken cancellationToken)
    {
        if (ShellReadyProbe.TryReadNonce(text, out var nonce))
        {
            Probes++;
            _probeAnswer = ShellReadyProbe.Answer(nonce, ExecutableOnPath);
            _probedAtCapture = Captures;
            return Task.CompletedTask;
        }
        Commands.Add(text);
        if (OnCommand(text) is { } next) Screen = next;
        return Task.CompletedTask;
    }

    public Task SendKeyAsync(string key, CancellationToken cancellationToken)
    {
        Keys.Add(key);
        if (OnKey(key) is { } next) Screen = next;
        return Task.CompletedTask;
    }

    public Task<string> CaptureAsync(int historyLines, CancellationToken cancellationToken)
    {
        Captures++;
        if (OnCapture(Captures) is { } next) Screen = next;
        if (_probeAnswer is { } answer && ShellAnswersAfter is { } after && Captures > _probedAtCapture + after)
        {
            Screen += "\n" + answer + "\n$ ";
            _probeAnswer = null;
        }
        return Task.FromResult(Screen);
    }

    /// <summary>The pane's foreground command once a command was launched (before: <c>bash</c>); <c>bash</c> plays a CLI that exited.</summary>
    public string CliCommand { get; set; } = "cli";

    public Task<string> CurrentCommandAsync(CancellationToken cancellationToken) => Task.FromResult(Commands.Count > 0 ? CliCommand : "bash");
}
