using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class ProviderCatalogTests
{
    private static readonly ProviderContext Context = new("0123abcd", "cao-t", "developer-ab12", null, null, Path.GetTempPath());

    [Theory]
    [InlineData("mock_cli", typeof(MockCliProvider))]
    [InlineData("claude_code", typeof(ClaudeCodeProvider))]
    [InlineData("codex", typeof(CodexProvider))]
    [InlineData("copilot_cli", typeof(CopilotCliProvider))]
    [InlineData("opencode_cli", typeof(OpenCodeCliProvider))]
    [InlineData("kiro_cli", typeof(KiroCliProvider))]
    public void EachKeyCreatesItsProvider(string key, Type type)
    {
        var provider = new ProviderCatalog().Create(key, Context);
        Assert.IsType(type, provider);
        Assert.Equal(key, provider.Key);
    }

    [Fact]
    public void ProvidersDeclareTheirInputAndExtractionNeeds()
    {
        var catalog = new ProviderCatalog();
        IProvider Make(string key) => catalog.Create(key, Context);
        Assert.True(Make("claude_code").BlocksOrchestratedInputWhileWaiting);
        Assert.True(Make("mock_cli").BlocksOrchestratedInputWhileWaiting);
        Assert.False(Make("codex").BlocksOrchestratedInputWhileWaiting);
        Assert.True(Make("copilot_cli").BlocksOrchestratedInputWhileWaiting);
    }

    [Fact]
    public void AnUnknownKeyNamesTheValidOnes()
    {
        var error = Assert.Throws<UnknownProviderException>(() => new ProviderCatalog().Create("gemini_cli", Context));
        Assert.Equal("gemini_cli", error.Key);
        Assert.Contains("'gemini_cli'", error.Message);
        foreach (var key in new[] { "kiro_cli", "claude_code", "codex", "copilot_cli", "opencode_cli", "mock_cli" }) Assert.Contains(key, error.Message);
    }

    [Fact]
    public void ListingReportsBinariesAndWhetherTheyAreInstalled()
    {
        var catalog = new ProviderCatalog(binary => binary == "codex" ? "/opt/bin/codex" : null);

        var list = catalog.List();

        Assert.Equal(["kiro_cli", "claude_code", "codex", "copilot_cli", "opencode_cli", "mock_cli"], list.Select(p => p.Name));
        Assert.Equal(new ProviderInfo("codex", "codex", true), list.Single(p => p.Name == "codex"));
        Assert.Equal(new ProviderInfo("kiro_cli", "kiro-cli", false), list.Single(p => p.Name == "kiro_cli"));
        Assert.Equal("claude", list.Single(p => p.Name == "claude_code").Binary);
        Assert.Equal("copilot", list.Single(p => p.Name == "copilot_cli").Binary);
        Assert.Equal("opencode", list.Single(p => p.Name == "opencode_cli").Binary);
    }

    [Fact]
    public void TheBundledMockCliCountsAsInstalled()
    {
        Assert.True(new ProviderCatalog().List().Single(p => p.Name == "mock_cli").Installed);
    }

    [Fact]
    public void ExtraProvidersCanBeRegistered()
    {
        var catalog = new ProviderCatalog();
        catalog.Register("other", "other-bin", ctx => new MockCliProvider(ctx));
        Assert.True(catalog.Contains("other"));
        Assert.IsType<MockCliProvider>(catalog.Create("other", Context));
    }

    [Fact]
    public void ExecutableLocatorFindsOnlyExecutableFiles()
    {
        using var dir = new TempDirectory();
        var tool = dir.Write("tool", "#!/bin/sh\n");
        dir.Write("data", "x");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(tool, ExecutableLocator.Find("tool", dir.Path));
        Assert.Null(ExecutableLocator.Find("data", dir.Path));
        Assert.Null(ExecutableLocator.Find("missing", dir.Path));
    }
}
