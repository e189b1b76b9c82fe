namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// Tests a provider against captured screens, with any test framework: capture the CLI's pane
/// (<c>tmux capture-pane -p -e</c>, or <c>GET /terminals/{id}/output?mode=full</c>) into a <c>.txt</c>
/// file per state, then check that <see cref="IProvider.GetStatus"/> and
/// <see cref="IProvider.ExtractLastMessage"/> read it as expected. A mismatch throws with the file, the
/// expected and the actual value, and the screen's last lines.
/// </summary>
public static class ProviderScreens
{
    /// <summary>A captured screen as the provider gets it (line endings made <c>\n</c>; escapes kept).</summary>
    /// <param name="path">The <c>.txt</c> file.</param>
    /// <returns>The screen text.</returns>
    public static string Load(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Checks the status <paramref name="provider"/> reads from the screen in <paramref name="path"/>.</summary>
    /// <param name="provider">The provider under test (created with any <see cref="ProviderContext"/>).</param>
    /// <param name="path">The captured screen.</param>
    /// <param name="expected">The status the screen shows.</param>
    /// <exception cref="InvalidOperationException">The provider reads another status.</exception>
    public static void AssertStatus(IProvider provider, string path, TerminalStatus expected)
    {
        var screen = Load(path);
        var actual = provider.GetStatus(screen);
        if (actual != expected)
            throw new InvalidOperationException($"{Path.GetFileName(path)}: {provider.Key} read status {actual}, expected {expected}. Last lines:\n{Tail(screen)}");
    }

    /// <summary>Checks the last answer <paramref name="provider"/> extracts from the screen in <paramref name="path"/>.</summary>
    /// <param name="provider">The provider under test.</param>
    /// <param name="path">The captured screen.</param>
    /// <param name="expected">The answer, exactly.</param>
    /// <exception cref="InvalidOperationException">The provider extracts something else, or nothing.</exception>
    public static void AssertLastMessage(IProvider provider, string path, string expected)
    {
        var screen = Load(path);
        string actual;
        try
        {
            actual = provider.ExtractLastMessage(screen);
        }
        catch (ProviderExtractionException ex)
        {
            throw new InvalidOperationException($"{Path.GetFileName(path)}: {provider.Key} found no answer ({ex.Message}), expected \"{expected}\". Last lines:\n{Tail(screen)}", ex);
        }
        if (actual != expected)
            throw new InvalidOperationException($"{Path.GetFileName(path)}: {provider.Key} extracted \"{actual}\", expected \"{expected}\"");
    }

    private static string Tail(string screen) => string.Join('\n', ScreenLines.Read(screen).TakeLast(8));
}
