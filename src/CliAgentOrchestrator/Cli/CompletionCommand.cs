using System.CommandLine;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao completion bash|zsh</c>: prints a shell function that asks cao itself for completions through
/// System.CommandLine's built-in <c>[suggest:N]</c> directive, so no extra tool (dotnet-suggest) is needed.
/// </summary>
public static class CompletionCommand
{
    private const string Bash = """
        # cao tab completion for bash: add to ~/.bashrc with  source <(cao completion bash)
        _cao_complete() {
            local IFS=$'\n'
            COMPREPLY=($(cao "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
        }
        complete -o default -F _cao_complete cao
        """;

    private const string Zsh = """
        # cao tab completion for zsh: add to ~/.zshrc with  source <(cao completion zsh)
        _cao_complete() {
            local -a completions
            completions=("${(@f)$(cao "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -- "${completions[@]}"
        }
        compdef _cao_complete cao
        """;

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print the tab-completion script for bash or zsh (source <(cao completion bash))") { shell };
        CliAction.Set(command, context, (parse, console) =>
        {
            console.Out.WriteLine(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return 0;
        });
        return command;
    }
}
