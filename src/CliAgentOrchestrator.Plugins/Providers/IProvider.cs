namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// One agent CLI kind (mock_cli, claude_code, codex, copilot_cli, opencode_cli, kiro_cli). A provider instance serves one
/// terminal: it knows how to launch its CLI, how to read the CLI's status and last answer from the
/// screen, and how to leave. Status and extraction are pure functions of text so they can be tested
/// against captured screens (<c>shared/fixtures/providers</c>).
/// </summary>
public interface IProvider
{
    /// <summary>The provider key stored in the terminal row, e.g. <c>claude_code</c>.</summary>
    string Key { get; }

    /// <summary>
    /// Launches the CLI in the terminal and waits until it is ready for input (idle/completed),
    /// answering start-up dialogs (trust folder, update) on the way.
    /// Throws <see cref="TimeoutException"/> when the CLI does not become ready in time.
    /// </summary>
    Task InitializeAsync(ITerminalConsole console, CancellationToken cancellationToken);

    /// <summary>The status shown by <paramref name="screen"/> (raw text, ANSI escapes allowed).</summary>
    TerminalStatus GetStatus(string screen);

    /// <summary>
    /// The agent's last answer in <paramref name="screen"/>, without escapes or prompt chrome.
    /// Throws <see cref="ProviderExtractionException"/> when the screen holds no answer marker.
    /// </summary>
    string ExtractLastMessage(string screen);

    /// <summary>What makes the CLI exit: text such as <c>/exit</c>, or a key such as <c>C-d</c>.</summary>
    string ExitCommand { get; }

    /// <summary>How many Enter presses submit pasted input (Python default 2; 1 for simple REPLs).</summary>
    int PasteEnterCount { get; }

    /// <summary>Delay between pasting input and pressing Enter.</summary>
    TimeSpan PasteSubmitDelay { get; }

    /// <summary>
    /// How long the screen must hold still before a reading of <c>completed</c> is taken: TUIs that draw
    /// their end-of-turn marker a frame before the answer's last characters need it; a CLI that prints
    /// its answer and then its prompt, in that order, does not (zero).
    /// </summary>
    TimeSpan CompletedSettle { get; }

    /// <summary>Output silence after which a terminal that reads as processing is looked at again.</summary>
    TimeSpan OutputQuiescence { get; }

    /// <summary>
    /// Whether assign/handoff messages must be refused while this CLI waits on a question: typed text
    /// would answer the question instead of reaching the agent.
    /// </summary>
    bool BlocksOrchestratedInputWhileWaiting { get; }

    /// <summary>
    /// How long to wait after init for the CLI to connect CAO's MCP server (and list its tools), or null
    /// when this CLI does not start it for this terminal. Claude Code and OpenCode draw their prompt
    /// before their MCP servers are connected: a task typed at once would reach a model without
    /// <c>send_message</c>, so the worker could never report back.
    /// </summary>
    TimeSpan? CaoMcpServerWait { get; }

    /// <summary>Removes the provider's temporary files (prompt, MCP config) for the terminal.</summary>
    void Cleanup();
}
