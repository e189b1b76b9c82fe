using CliAgentOrchestrator.Core.Tmux;
using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// <c>mock_cli</c>: drives the bundled bash REPL (<c>tools/mock_cli</c>, reference §8.4) so the whole
/// pipeline can be tested without a real agent CLI or credentials.
/// </summary>
public sealed partial class MockCliProvider(ProviderContext context, string? scriptPath = null) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "mock_cli";

    /// <summary>The script shipped next to the app: <c>&lt;app&gt;/tools/mock_cli</c>.</summary>
    public static string DefaultScriptPath => Path.Combine(AppContext.BaseDirectory, "tools", "mock_cli");

    /// <summary>The script this instance launches.</summary>
    public string ScriptPath { get; } = scriptPath ?? DefaultScriptPath;

    /// <summary>Artificial answer delay passed as <c>--delay-ms</c>.</summary>
    public int DelayMilliseconds { get; init; } = 50;

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/exit";

    /// <summary>
    /// One Enter. Python sends two because TUIs in bracketed-paste mode may take the first Enter as part
    /// of the paste; mock_cli is a plain <c>read</c> loop where every Enter ends a line, so a second
    /// Enter would submit an empty line and redraw the prompt mid-answer.
    /// </summary>
    public override int PasteEnterCount => 1;

    /// <summary>None: the script prints its whole answer, then its prompt; the prompt means the answer is complete.</summary>
    public override TimeSpan CompletedSettle => TimeSpan.Zero;

    /// <summary>30 ms: the answer comes in one write, so a short silence is the end of it.</summary>
    public override TimeSpan OutputQuiescence => TimeSpan.FromMilliseconds(30);

    /// <summary>An approval question reads the next line as its answer, so a message would answer it.</summary>
    public override bool BlocksOrchestratedInputWhileWaiting => true;

    /// <summary>
    /// None: a plain <c>read</c> loop takes the pasted line and the Enter in the order they arrive, so the
    /// Enter goes out in the same tmux command as the paste.
    /// </summary>
    public override TimeSpan PasteSubmitDelay => TimeSpan.Zero;

    /// <summary>15 s unless the profile or configuration says otherwise: the script starts instantly.</summary>
    public override TimeSpan InitTimeout =>
        Timings.InitTimeout ?? CliAgentOrchestrator.Plugins.Providers.InitTimeout.Resolve(Context.Profile, Context.ConfiguredInitTimeout, TimeSpan.FromSeconds(15));

    /// <inheritdoc />
    protected override string LaunchBinaryHint => ScriptPath;

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        EnsureExecutable(ScriptPath);
        List<string> args = [ScriptPath, "--delay-ms", DelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if ((Context.Model ?? Context.Profile?.Model) is { Length: > 0 } model) args.AddRange(["--model", model]);
        return ShellQuote.Join(args);
    }

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;

        // An approval question waits until a line is typed under it.
        var approval = ScreenLines.LastIndex(lines, ApprovalLine());
        if (approval >= 0 && approval == lines.Length - 1) return TerminalStatus.WaitingUserAnswer;

        if (!EmptyPrompt().IsMatch(lines[^1])) return TerminalStatus.Processing;

        // Judge only the current turn: what follows the last line typed at the prompt.
        var turnStart = ScreenLines.LastIndex(lines, TypedPrompt(), before: lines.Length - 1) + 1;
        if (ScreenLines.LastIndex(lines, ErrorLine(), turnStart) >= 0) return TerminalStatus.Error;
        if (ScreenLines.LastIndex(lines, AnswerLine(), turnStart) >= 0) return TerminalStatus.Completed;
        return TerminalStatus.Idle;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var answer = ScreenLines.LastIndex(lines, AnswerLine());
        if (answer < 0) throw new ProviderExtractionException("mock_cli: no '> MOCK:' answer on the screen.");
        var first = AnswerLine().Replace(lines[answer], "", 1);
        var rest = lines.Skip(answer + 1).TakeWhile(l => !AnyPrompt().IsMatch(l));
        return ScreenLines.JoinMessage(rest.Prepend(first));
    }

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        // Build copies can lose the executable bit; restore it rather than failing the launch.
        if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(path, mode | execute);
    }

    [GeneratedRegex(@"^\s*❯$")]
    private static partial Regex EmptyPrompt();

    [GeneratedRegex(@"^\s*❯\s*\S")]
    private static partial Regex TypedPrompt();

    [GeneratedRegex(@"^\s*❯")]
    private static partial Regex AnyPrompt();

    [GeneratedRegex(@"^\s*> MOCK:\s?")]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"^\s*ERROR:")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"APPROVAL_REQUIRED:")]
    private static partial Regex ApprovalLine();
}
