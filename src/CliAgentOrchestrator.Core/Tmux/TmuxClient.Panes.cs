using System.Globalization;

namespace CliAgentOrchestrator.Core.Tmux;

// Reading a pane: screen, output pipe and pane properties.
public sealed partial class TmuxClient
{
    /// <summary>The target's active pane as text, one line per screen row.</summary>
    /// <param name="withEscapes"><c>-e</c>: keep colour and attribute escapes (some providers read colour).</param>
    /// <param name="joinWrapped"><c>-J</c>: join lines the terminal wrapped, so long lines stay whole.</param>
    public Task<string> CapturePaneAsync(
        TmuxTarget target,
        CaptureRange range,
        bool withEscapes = false,
        bool joinWrapped = false,
        CancellationToken cancellationToken = default)
    {
        List<string> arguments = ["capture-pane", "-p", "-t", target.ToString()];
        if (withEscapes)
            arguments.Add("-e");
        if (joinWrapped)
            arguments.Add("-J");
        arguments.Add("-S");
        arguments.Add(range.HistoryLines is { } lines ? (-lines).ToString(CultureInfo.InvariantCulture) : "-");
        return RunAsync(arguments, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Starts piping everything the pane prints to <paramref name="shellCommand"/> (run by tmux
    /// through <c>/bin/sh -c</c>, so quote paths with <see cref="ShellQuote"/>). With
    /// <c>-o</c>, an already running pipe is left alone instead of being replaced.
    /// </summary>
    public Task StartPipeAsync(TmuxTarget target, string shellCommand, CancellationToken cancellationToken = default) =>
        RunAsync(["pipe-pane", "-o", "-t", target.ToString(), shellCommand], cancellationToken: cancellationToken);

    /// <summary>Stops the pane's output pipe, if any.</summary>
    public Task StopPipeAsync(TmuxTarget target, CancellationToken cancellationToken = default) =>
        RunAsync(["pipe-pane", "-t", target.ToString()], cancellationToken: cancellationToken);

    /// <summary>True when the pane has an output pipe (<c>#{pane_pipe}</c>).</summary>
    public async Task<bool> IsPipeActiveAsync(TmuxTarget target, CancellationToken cancellationToken = default) =>
        await DisplayAsync(target, "#{pane_pipe}", cancellationToken).ConfigureAwait(false) == "1";

    /// <summary>The name of the pane's foreground process, e.g. <c>bash</c> or <c>node</c>.</summary>
    public Task<string> GetPaneCurrentCommandAsync(TmuxTarget target, CancellationToken cancellationToken = default) =>
        DisplayAsync(target, "#{pane_current_command}", cancellationToken);

    /// <summary>The pane's current working directory.</summary>
    public Task<string> GetPaneCurrentPathAsync(TmuxTarget target, CancellationToken cancellationToken = default) =>
        DisplayAsync(target, "#{pane_current_path}", cancellationToken);

    /// <summary>Expands a tmux format for the target's active pane.</summary>
    public async Task<string> DisplayAsync(TmuxTarget target, string format, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(["display-message", "-p", "-t", target.ToString(), format], cancellationToken: cancellationToken).ConfigureAwait(false);
        return output.TrimEnd('\n', '\r');
    }
}
