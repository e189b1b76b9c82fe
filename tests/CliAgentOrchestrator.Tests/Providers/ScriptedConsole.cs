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
    private int _probedAtLook;
    private string _printed = "";

    public ScriptedConsole(string initialScreen) => _screen = initialScreen;

    public string TerminalId => "0123abcd";

    /// <summary>The commands typed, without the shell-ready probes (see <see cref="ShellAnswersAfter"/>).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>
    /// After how many looks (captures, reads of the kept output) the shell prints its answer to a <see cref="ShellReadyProbe"/> command,
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
            _probedAtLook = Looks;
            lock (_gate) _printed += " printf 'cao-shell-ready-%s %s\\n' " + nonce; // the echo of the typed probe
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
        Looks++;
        if (OnCapture(Captures) is { } next) Screen = next;
        ShellMayAnswer();
        return Task.FromResult(Screen);
    }

    /// <summary>Whether the console keeps the terminal's output (<see cref="ReadPrinted"/>), as CAO's does; by default it keeps none.</summary>
    public bool KeepsOutput { get; set; }

    /// <summary>The shell's answer reaches the screen but not the kept output (a stalled output pipe).</summary>
    public bool OutputStalled { get; set; }

    /// <summary>The shell prints a line on every look until it answers (start-up files talking), so each look finds new output.</summary>
    public bool PrintsWhileStarting { get; set; }

    /// <summary>Captures and reads of the output so far.</summary>
    public int Looks { get; private set; }

    public string? ReadPrinted()
    {
        if (!KeepsOutput) return null;
        Looks++;
        ShellMayAnswer();
        lock (_gate)
        {
            if (PrintsWhileStarting && _probeAnswer is not null) _printed += $"\r\nstarting {Looks}";
            return _printed;
        }
    }

    // The shell answers its probe once it has been looked at ShellAnswersAfter times since it was typed.
    private void ShellMayAnswer()
    {
        if (_probeAnswer is not { } answer || ShellAnswersAfter is not { } after || Looks <= _probedAtLook + after) return;
        Screen += "\n" + answer + "\n$ ";
        if (!OutputStalled) lock (_gate) _printed += "\r\n" + answer + "\r\n$ ";
        _probeAnswer = null;
    }

    /// <summary>The pane's foreground command once a command was launched (before: <c>bash</c>); <c>bash</c> plays a CLI that exited.</summary>
    public string CliCommand { get; set; } = "cli";

    public Task<string> CurrentCommandAsync(CancellationToken cancellationToken) => Task.FromResult(Commands.Count > 0 ? CliCommand : "bash");
}
