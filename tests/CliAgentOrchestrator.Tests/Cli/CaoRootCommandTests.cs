using System.CommandLine;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Cli;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary>
/// Program.cs and <see cref="CliRunner"/> both run <see cref="CaoRootCommand.Build"/> (Program.cs through
/// <see cref="CaoRootCommand.For"/>, which only trims it for a bare <c>cao mcp-server</c>), so the tree is
/// the same by construction; what can still drift is the tree against docs/cli.md, checked here both ways.
/// </summary>
public sealed partial class CaoRootCommandTests
{
    [Fact]
    public void EveryCommandDocumentedInCliMdIsWired()
    {
        var root = Root();

        var missing = DocumentedCommands().Where(path => Find(root, path) is null).ToList();

        Assert.True(missing.Count == 0, "Documented in docs/cli.md but not in CaoRootCommand: " + string.Join(", ", missing.Select(p => "cao " + string.Join(' ', p))));
    }

    [Fact]
    public void EveryWiredCommandIsDocumentedInCliMd()
    {
        var documented = DocumentedCommands().Select(p => string.Join(' ', p)).ToHashSet();

        var undocumented = Paths(Root(), []).Select(p => string.Join(' ', p)).Where(p => !documented.Contains(p)).ToList();

        Assert.True(undocumented.Count == 0, "In CaoRootCommand but not documented in docs/cli.md: " + string.Join(", ", undocumented.Select(p => "cao " + p)));
    }

    [Fact]
    public void TheDocumentedTreeIsNotEmpty()
    {
        // Guards the two tests above against a doc format change that makes the parser find nothing.
        var documented = DocumentedCommands().Select(p => string.Join(' ', p)).ToList();

        Assert.Contains("server", documented);
        Assert.Contains("session send", documented);
        Assert.Contains("plugin install", documented);
    }

    [Fact]
    public void ABareMcpServerGetsARootWithThatCommandAlone()
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path));

        var root = CaoRootCommand.For([McpServerCommand.Name], context);

        Assert.Equal([McpServerCommand.Name], root.Subcommands.Select(c => c.Name));
        Assert.Equal(CaoRootCommand.Description, root.Description);
        Assert.Empty(root.Parse([McpServerCommand.Name]).Errors);
    }

    [Theory]
    [InlineData("mcp-server", "--help")]
    [InlineData("server")]
    [InlineData("mcp-servr")]
    public void AnyOtherCommandLineGetsTheWholeTree(params string[] args)
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path));

        var root = CaoRootCommand.For(args, context);

        Assert.Equal(CaoRootCommand.Build(context).Subcommands.Select(c => c.Name), root.Subcommands.Select(c => c.Name));
    }

    private static RootCommand Root()
    {
        using var home = new TempDirectory();
        return CaoRootCommand.Build(CliRunner.ContextWithoutServer(new CaoHome(home.Path)));
    }

    /// <summary>
    /// The command paths docs/cli.md documents: its <c>## `cao …`</c> headings and the <c>- `cao …`</c>
    /// items under them, each cut at the first argument or option (<c>&lt;</c>, <c>[</c>, <c>-</c>).
    /// </summary>
    private static List<string[]> DocumentedCommands() =>
        File.ReadLines(RepositoryFiles.Path("docs", "cli.md"))
            .Select(line => DocumentedCommand().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => Regex.IsMatch(w, "^[a-z][a-z-]*$")).ToArray())
            .Where(words => words.Length > 0)
            .DistinctBy(words => string.Join(' ', words))
            .ToList();

    private static Command? Find(Command command, IEnumerable<string> path) =>
        path.Aggregate<string, Command?>(command, (current, word) => current?.Subcommands.FirstOrDefault(c => c.Name == word));

    private static IEnumerable<string[]> Paths(Command command, string[] prefix) =>
        command.Subcommands.SelectMany(sub => Paths(sub, [.. prefix, sub.Name]).Prepend([.. prefix, sub.Name]));

    [GeneratedRegex(@"^(?:## |- )`cao (?<words>[^`]+)`")]
    private static partial Regex DocumentedCommand();
}
