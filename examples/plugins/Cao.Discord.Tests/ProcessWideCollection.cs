namespace Cao.Discord.Tests;

/// <summary>
/// Tests that change the process environment or working directory, as CAO itself sees them. xunit
/// runs this collection alone, after the parallel ones, so no other test observes the change.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide";
}
