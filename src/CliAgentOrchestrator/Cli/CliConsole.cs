using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// The writers of one command invocation, plus progress. Results go to <see cref="Out"/>; progress
/// and errors go to stderr, so <c>cao launch --headless … | tee answer.txt</c> captures only the answer.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, bool showProgress)
{
    // Redirected output has no width; Spectre would otherwise wrap paths and tables at 80 columns.
    private const int RedirectedWidth = 240;

    /// <summary>How every user error starts, whichever command reports it (lowercase, as dotnet and git write it).</summary>
    public const string ErrorPrefix = "error: ";

    /// <summary>The shape of every <c>--json</c> answer: snake_case names, indented, nulls kept so the shape is stable.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private IAnsiConsole? _markup;

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>
    /// <see cref="Out"/> as a Spectre console, for markup and tables (<c>cao plugin …</c>). Colours and
    /// width only when <see cref="Out"/> is the real, unredirected stdout; plain text anywhere else.
    /// </summary>
    public IAnsiConsole Markup => _markup ??= CreateMarkup(Out);

    /// <summary>True when <see cref="Out"/> is a terminal a person reads: tables are drawn; otherwise they are tab-separated.</summary>
    public bool OutIsTerminal => new AnsiConsoleOutput(Out).IsTerminal;

    /// <summary>Writes <paramref name="value"/> as the command's JSON answer (see docs/cli.md for each shape).</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A table: aligned columns on a terminal, tab-separated lines (header first) when piped.</summary>
    public void WriteTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (OutIsTerminal)
        {
            TextTable.Write(Out, headers, rows);
            return;
        }
        // Tabs and line breaks inside a cell would split it: they become spaces.
        static string Cell(string text) => text.Replace('\t', ' ').ReplaceLineEndings(" ");
        Out.WriteLine(string.Join('\t', headers.Select(Cell)));
        foreach (var row in rows)
            Out.WriteLine(string.Join('\t', row.Select(Cell)));
    }

    /// <summary>Runs <paramref name="work"/> under a spinner on stderr; the work may update the text through the callback.</summary>
    /// <remarks>Without a terminal on stderr there is no spinner at all: a CI log gains nothing from one.</remarks>
    public async Task<T> StatusAsync<T>(string text, Func<Action<string>, Task<T>> work)
    {
        if (!showProgress)
            return await work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Spectre.Console.Markup.Escape(text),
            context => work(update => context.Status(Spectre.Console.Markup.Escape(update))));
    }

    public Task StatusAsync(string text, Func<Action<string>, Task> work) =>
        StatusAsync<bool>(text, async update =>
        {
            await work(update);
            return true;
        });

    /// <summary>Writes a one-line error the way every command does: <c>error: …</c>.</summary>
    public void Fail(string message) =>
        Error.WriteLine(ErrorPrefix + message.ReplaceLineEndings(" ").Trim());

    /// <summary>Text from the user or a file, made safe for Spectre markup.</summary>
    public static string Safe(string? text) => Spectre.Console.Markup.Escape(text ?? "");

    private static IAnsiConsole CreateMarkup(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        if (output.IsTerminal)
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = output });
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = output,
        });
        plain.Profile.Width = RedirectedWidth;
        return plain;
    }
}
