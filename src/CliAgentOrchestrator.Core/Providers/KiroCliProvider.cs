using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// <c>kiro_cli</c>: Kiro CLI (reference §8.7). Kiro reads the agent from its own agent JSON
/// (<c>~/.kiro/agents/&lt;name&gt;.json</c>, written by <c>cao install</c>), so the launch command only
/// names it. Screen rules (legacy <c>[agent] &gt;</c> prompt and the newer TUI) live in
/// <c>KiroCliProvider.Screen.cs</c>.
/// </summary>
public sealed partial class KiroCliProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "kiro_cli";

    /// <summary>The CLI binary.</summary>
    public const string Binary = "kiro-cli";

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/quit";

    /// <summary>Kiro's input needs a moment to take a paste before Enter submits it.</summary>
    public override TimeSpan PasteSubmitDelay => TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override string LaunchBinaryHint => Binary;

    /// <summary>
    /// Launch the legacy line UI instead of the TUI. Forced when tools are unrestricted (<c>*</c>):
    /// the legacy UI is the one whose permission prompts CAO reads reliably.
    /// </summary>
    public bool LegacyUi { get; init; }

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        var args = new List<string> { Binary, "chat", "--agent-engine", "v2" };
        if (LegacyUi || Context.AllowedTools?.Contains("*") == true) args.Add("--legacy-ui");
        args.Add("--trust-all-tools");
        var model = Context.Model ?? Context.Profile?.Model;
        if (!string.IsNullOrWhiteSpace(model)) args.AddRange(["--model", model]);
        args.AddRange(["--agent", Context.AgentName]);
        return ShellQuote.Join(args);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<StartupDialog> StartupDialogs { get; } =
    [
        // Trust-all-tools consent: the cursor starts on "No, exit"; one down is "Yes, I accept".
        new("kiro trust all tools", s => ScreenLines.Tail(s, 12).Contains("trust all tools", StringComparison.OrdinalIgnoreCase)
            && IsConsentShowing(ScreenLines.Read(s)), ["Down", "Enter"]),
    ];
}
