using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Storage;

/// <summary>The <c>terminals</c> table against a real SQLite file in a temporary home.</summary>
public sealed class TerminalRepositoryTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly TerminalRepository _terminals;

    public TerminalRepositoryTests() => _terminals = new TerminalRepository(new CaoDatabase(new CaoHome(_home.Path).EnsureCreated()));

    [Fact]
    public void ARowReadsBackWithEveryColumn()
    {
        var written = Row("aaaa0001", "cao-one") with
        {
            AgentProfile = "developer",
            WorkingDirectory = "/work/project",
            AllowedTools = ["@builtin", "fs_read"],
            ShellCommand = "bash",
            CallerId = "bbbb0002",
            Engine = "v2",
            LastActive = "2026-01-02T03:04:05.000000",
        };
        _terminals.Insert(written);

        Assert.Equal(written with { AllowedTools = null }, _terminals.Get("aaaa0001")! with { AllowedTools = null });
        Assert.Equal(["@builtin", "fs_read"], _terminals.Get("aaaa0001")!.AllowedTools!);
    }

    [Fact]
    public void NullableColumnsStayNullAndLastActiveDefaultsToNow()
    {
        _terminals.Insert(Row("aaaa0001", "cao-one"));

        var read = _terminals.Get("aaaa0001")!;
        Assert.Null(read.AgentProfile);
        Assert.Null(read.AllowedTools); // null means unrestricted/unknown, not an empty list
        Assert.Null(read.CallerId);
        Assert.False(string.IsNullOrEmpty(read.LastActive));
        Assert.Null(_terminals.Get("ffff0000"));
    }

    [Fact]
    public void ListsAreInInsertionOrderAndFilteredBySession()
    {
        _terminals.Insert(Row("aaaa0003", "cao-one"));
        _terminals.Insert(Row("aaaa0001", "cao-two"));
        _terminals.Insert(Row("aaaa0002", "cao-one"));

        Assert.Equal(["aaaa0003", "aaaa0002"], _terminals.ListBySession("cao-one").Select(t => t.Id));
        Assert.Equal(["aaaa0003", "aaaa0001", "aaaa0002"], _terminals.ListAll().Select(t => t.Id));
        Assert.Empty(_terminals.ListBySession("cao-none"));
    }

    [Fact]
    public void DeleteSaysWhetherARowWentAndDeleteBySessionTakesOnlyThatSession()
    {
        _terminals.Insert(Row("aaaa0001", "cao-one"));
        _terminals.Insert(Row("aaaa0002", "cao-one"));
        _terminals.Insert(Row("aaaa0003", "cao-two"));

        Assert.True(_terminals.Delete("aaaa0001"));
        Assert.False(_terminals.Delete("aaaa0001"));
        Assert.Equal(1, _terminals.DeleteBySession("cao-one"));
        Assert.Equal(["aaaa0003"], _terminals.ListAll().Select(t => t.Id));
    }

    [Fact]
    public void TouchAndShellCommandUpdateOnlyTheirRow()
    {
        _terminals.Insert(Row("aaaa0001", "cao-one") with { LastActive = "2000-01-01T00:00:00.000000" });
        _terminals.Insert(Row("aaaa0002", "cao-one") with { LastActive = "2000-01-01T00:00:00.000000" });

        _terminals.Touch("aaaa0001");
        _terminals.SetShellCommand("aaaa0001", "zsh");

        Assert.True(string.CompareOrdinal(_terminals.Get("aaaa0001")!.LastActive, "2000-01-01T00:00:00.000000") > 0);
        Assert.Equal("zsh", _terminals.Get("aaaa0001")!.ShellCommand);
        Assert.Equal(("2000-01-01T00:00:00.000000", (string?)null), (_terminals.Get("aaaa0002")!.LastActive, _terminals.Get("aaaa0002")!.ShellCommand));
    }

    [Fact]
    public void RowsSurviveReopeningTheDatabase()
    {
        _terminals.Insert(Row("aaaa0001", "cao-one"));

        var reopened = new TerminalRepository(new CaoDatabase(new CaoHome(_home.Path)));

        Assert.Equal("cao-one", reopened.Get("aaaa0001")!.SessionName);
    }

    public void Dispose() => _home.Dispose();

    private static TerminalRecord Row(string id, string session) => new()
    {
        Id = id,
        SessionName = session,
        WindowName = "developer-" + id[^4..],
        Provider = "mock_cli",
    };
}
