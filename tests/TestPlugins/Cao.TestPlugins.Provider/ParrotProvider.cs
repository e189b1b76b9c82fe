using System.Text.RegularExpressions;
using CliAgentOrchestrator.Plugins.Providers;

namespace Cao.TestPlugins;

/// <summary>Drives parrot.sh through the SDK's provider contract only.</summary>
public sealed partial class ParrotProvider(ProviderContext context) : ProviderBase(context)
{
    private static readonly string Script = Path.Combine(Path.GetDirectoryName(typeof(ParrotProvider).Assembly.Location)!, "parrot.sh");

    public override string Key => "parrot_cli";
    public override string ExitCommand => "/exit";
    public override int PasteEnterCount => 1;
    protected override string LaunchBinaryHint => "bash";

    public override string BuildLaunchCommand() => ShellQuote.Join(["bash", Script]);

    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0 || !EmptyPrompt().IsMatch(lines[^1]))
            return lines.Length == 0 ? TerminalStatus.Unknown : TerminalStatus.Processing;
        var turn = ScreenLines.LastIndex(lines, TypedPrompt(), before: lines.Length - 1) + 1;
        return ScreenLines.LastIndex(lines, Answer(), turn) >= 0 ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var answer = ScreenLines.LastIndex(lines, Answer());
        return answer < 0 ? throw new ProviderExtractionException("parrot_cli: no 'PARROT:' line on the screen") : Answer().Replace(lines[answer], "", 1).Trim();
    }

    [GeneratedRegex(@"^parrot>\s*$")]
    private static partial Regex EmptyPrompt();

    [GeneratedRegex(@"^parrot>\s*\S")]
    private static partial Regex TypedPrompt();

    [GeneratedRegex(@"^PARROT:\s?")]
    private static partial Regex Answer();
}
