namespace CliAgentOrchestrator.Dashboard.Tests.Support;

/// <summary>The browser tests share one chromium and run one at a time (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}
