using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Tests.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Profiles;

public sealed class ProfileStoreTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly TempDirectory _extra = new();

    private ProfileStore Store() => new(_home.Path, [_extra.Path], new ProfileVariables(_home.Path, _ => null));

    [Fact]
    public void BuiltInsAreFoundWhenNothingOverridesThem()
    {
        var found = Store().Find("developer");

        Assert.NotNull(found);
        Assert.Equal(ProfileSource.BuiltIn, found.Source);
        Assert.Equal("developer", found.Profile.Name);
        Assert.Equal("developer", found.Profile.Role);
        Assert.NotEmpty(found.Profile.SystemPrompt);
    }

    [Fact]
    public void TheLocalAgentStoreWinsOverExtraDirectoriesAndBuiltIns()
    {
        _home.Write("agent-store/developer.md", "---\ndescription: local\n---\nlocal");
        _extra.Write("developer.md", "---\ndescription: extra\n---\nextra");

        var found = Store().Find("developer")!;

        Assert.Equal(ProfileSource.Local, found.Source);
        Assert.Equal("local", found.Profile.Description);
        Assert.Equal(_home.Combine("agent-store", "developer.md"), found.Location);
    }

    [Fact]
    public void ExtraDirectoriesWinOverBuiltInsAndAcceptAgentFolders()
    {
        _extra.Write("reviewer.md", "---\ndescription: extra reviewer\n---\nx");
        _extra.Write("helper/agent.md", "---\ndescription: folder agent\n---\ny");
        var store = Store();

        Assert.Equal("extra reviewer", store.Load("reviewer").Description);
        var helper = store.Find("helper")!;
        Assert.Equal(ProfileSource.Directory, helper.Source);
        Assert.Equal("folder agent", helper.Profile.Description);
    }

    [Fact]
    public void AMissingProfileSaysWhereItLooked()
    {
        var error = Assert.Throws<ProfileNotFoundException>(() => Store().Load("nobody"));
        Assert.Contains("'nobody'", error.Message);
        Assert.Contains(_home.Combine("agent-store"), error.Message);
        Assert.Contains(_extra.Path, error.Message);
        Assert.Null(Store().Find("nobody"));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("")]
    public void InvalidNamesAreRejectedBeforeTouchingTheDisk(string name)
    {
        var error = Assert.Throws<ProfileException>(() => Store().Find(name));
        Assert.Contains("Invalid agent profile name", error.Message);
    }

    [Fact]
    public void ListingShowsEachNameOnceWithItsWinningSource()
    {
        _home.Write("agent-store/developer.md", "---\ndescription: my developer\n---\nx");
        _home.Write("agent-store/mine.md", "---\ndescription: mine\n---\nx");
        _extra.Write("helper/agent.md", "---\ndescription: helper\n---\nx");

        var list = Store().List();

        Assert.Equal(list.Select(p => p.Name).Order(StringComparer.Ordinal), list.Select(p => p.Name));
        Assert.Equal(new ProfileSummary("developer", "local", "my developer"), list.Single(p => p.Name == "developer"));
        Assert.Equal(new ProfileSummary("mine", "local", "mine"), list.Single(p => p.Name == "mine"));
        Assert.Equal(new ProfileSummary("helper", "directory", "helper"), list.Single(p => p.Name == "helper"));
        Assert.Equal("built-in", list.Single(p => p.Name == "code_supervisor").Source);
        Assert.Single(list, p => p.Name == "developer");
    }

    [Fact]
    public void ListingReportsABrokenFileInsteadOfFailing()
    {
        _home.Write("agent-store/broken.md", "---\nname: [oops\n---\nx");
        var broken = Store().List().Single(p => p.Name == "broken");
        Assert.StartsWith("(invalid:", broken.Description);
    }

    public void Dispose()
    {
        _home.Dispose();
        _extra.Dispose();
    }
}
