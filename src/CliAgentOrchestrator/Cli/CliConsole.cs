using Spectre.Console;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// The writers of one command invocation, plus progress. Results go to <see cref="Out"/>; progress
/// and errors go to stderr, so <c>cao launch --headless … | tee answer.txt</c> captures only the answer.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, bool showProgress)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>Runs <paramref name="work"/> under a spinner on stderr; the work may update the text through the callback.</summary>
    /// <remarks>Without a terminal on stderr there is no spinner at all: a CI log gains nothing from one.</remarks>
    public async Task<T> StatusAsync<T>(string text, Func<Action<string>, Task<T>> work)
    {
        if (!showProgress)
            return await work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(text),
            context => work(update => context.Status(Markup.Escape(update))));
    }

    public Task StatusAsync(string text, Func<Action<string>, Task> work) =>
        StatusAsync<bool>(text, async update =>
        {
            await work(update);
            return true;
        });

    /// <summary>Writes a one-line error the way every command does: <c>Error: …</c>.</summary>
    public void Fail(string message) =>
        Error.WriteLine("Error: " + message.ReplaceLineEndings(" ").Trim());
}
