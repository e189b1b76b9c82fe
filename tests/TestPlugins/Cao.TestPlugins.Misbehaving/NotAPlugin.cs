namespace Cao.TestPlugins;

public sealed class NotAPlugin
{
    public Task SetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
