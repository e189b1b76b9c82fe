namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Sets variables of this process while it lives and puts the previous values back after. The bench's
/// server runs in this process, and CAO gives an agent's window the server's own environment (through
/// its allow-list), as the bare reference windows get it: setting it here sets it for both.
/// </summary>
internal sealed class ProcessVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    public ProcessVariables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}
