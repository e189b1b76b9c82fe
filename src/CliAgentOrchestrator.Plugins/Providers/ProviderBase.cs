namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// The common provider recipe (reference §8.3): wait for the shell, remember what it is, launch
/// the CLI, answer the dialogs this CLI is known to show, wait until it is ready. Subclasses supply
/// the launch command, the dialogs and the screen rules; temp files go through
/// <see cref="WriteTempFile"/> so <see cref="Cleanup"/> can remove them. The init loop itself is in
/// <c>ProviderBase.Init.cs</c>.
/// </summary>
public abstract partial class ProviderBase(ProviderContext context) : IProvider
{
    private readonly List<string> _tempFiles = [];

    /// <summary>The terminal and profile this instance serves.</summary>
    public ProviderContext Context { get; } = context;

    /// <summary>Init clocks; tests replace them.</summary>
    public ProviderTimings Timings { get; init; } = new();

    /// <summary>The pane's foreground command before the CLI was launched (e.g. <c>bash</c>); null before init.</summary>
    /// <remarks>The terminal service persists it; a pane back on this command means the CLI exited.</remarks>
    public string? ShellBaseline { get; private set; }

    /// <inheritdoc />
    public abstract string Key { get; }

    /// <inheritdoc />
    public abstract string ExitCommand { get; }

    /// <inheritdoc />
    public virtual int PasteEnterCount => 2;

    /// <inheritdoc />
    public virtual TimeSpan PasteSubmitDelay => TimeSpan.FromMilliseconds(300);

    /// <inheritdoc />
    public virtual bool BlocksOrchestratedInputWhileWaiting => false;

    /// <inheritdoc />
    /// <remarks>100 ms: Copilot CLI and OpenCode were seen drawing their idle footer or turn marker before the answer's last words.</remarks>
    public virtual TimeSpan CompletedSettle => TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    /// <remarks>200 ms: a streaming TUI pauses between tokens; looking at every pause would cost a capture each.</remarks>
    public virtual TimeSpan OutputQuiescence => TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    public virtual TimeSpan? CaoMcpServerWait => null;

    /// <summary>
    /// <see cref="Timings"/>' MCP connect timeout when the profile lists CAO's MCP server (the CLI is then
    /// given it at launch), else null: for providers whose CLI starts the profile's MCP servers.
    /// </summary>
    protected TimeSpan? WaitWhenProfileListsCaoMcpServer =>
        Context.Profile?.McpServers.ContainsKey(McpServers.CaoServerName) == true ? Timings.CaoMcpConnectTimeout : null;

    /// <summary>How long init may take: profile <c>provider_init_timeout</c>, configuration, else 60 s.</summary>
    public virtual TimeSpan InitTimeout => Timings.InitTimeout ?? CliAgentOrchestrator.Plugins.Providers.InitTimeout.Resolve(Context.Profile, Context.ConfiguredInitTimeout);

    /// <summary>The shell command line that starts the CLI. May write temp files (prompt, MCP config).</summary>
    public abstract string BuildLaunchCommand();

    /// <summary>Start-up dialogs this CLI may show, answered during init.</summary>
    protected virtual IReadOnlyList<StartupDialog> StartupDialogs => [];

    /// <summary>Whether a waiting-for-user screen ends init (e.g. a login menu the operator must answer).</summary>
    protected virtual bool WaitingUserAnswerEndsInit => false;

    /// <inheritdoc />
    public abstract TerminalStatus GetStatus(string screen);

    /// <inheritdoc />
    public abstract string ExtractLastMessage(string screen);

    /// <inheritdoc />
    public async Task InitializeAsync(ITerminalConsole console, CancellationToken cancellationToken)
    {
        var onPanePath = await WaitForShellAsync(console, cancellationToken).ConfigureAwait(false);
        ShellBaseline = await console.CurrentCommandAsync(cancellationToken).ConfigureAwait(false);
        if (!onPanePath)
            await AddServerPathAsync(console, cancellationToken).ConfigureAwait(false);
        await console.RunCommandAsync(BuildLaunchCommand(), cancellationToken).ConfigureAwait(false);
        await WaitUntilReadyAsync(console, InitTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual void Cleanup()
    {
        lock (_tempFiles)
        {
            foreach (var file in _tempFiles)
            {
                try
                {
                    File.Delete(file);
                    DeleteEmptyFoldersUpTo(Path.GetDirectoryName(file), TempDirectory);
                }
                catch (IOException) { } // already gone or busy: nothing useful to do at teardown
                catch (UnauthorizedAccessException) { }
            }
            _tempFiles.Clear();
        }
    }

    /// <summary><c>&lt;home&gt;/tmp</c>, where per-terminal files live.</summary>
    protected string TempDirectory => Path.Combine(Context.HomeDirectory, "tmp");

    /// <summary>The path of this terminal's temp file with <paramref name="suffix"/> (e.g. <c>.prompt</c>).</summary>
    protected string TempFilePath(string suffix)
    {
        // The id becomes a file name under <home>/tmp; refuse anything that could leave that folder.
        var id = Context.TerminalId;
        if (id.Length == 0 || id.Contains("..", StringComparison.Ordinal) || id.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new ArgumentException($"Invalid terminal id '{id}'.", nameof(Context));
        return Path.Combine(TempDirectory, id + suffix);
    }

    /// <summary>
    /// Writes a per-terminal temp file readable by the owner only (0600; the directory 0700), because
    /// prompts and MCP env blocks can hold secrets substituted from <c>.env</c>. A suffix may name
    /// sub-folders (<c>.copilot/.github/agents/x.agent.md</c>) for CLIs that read a folder layout;
    /// <see cref="Cleanup"/> removes them again once empty.
    /// </summary>
    protected string WriteTempFile(string suffix, string content)
    {
        var path = TempFilePath(suffix);
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, content);
        }
        else
        {
            Directory.CreateDirectory(TempDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            // No BOM: the files are read by `cat` into a command line and by CLIs that do not expect one.
            using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options)) writer.Write(content);
            // UnixCreateMode applies only to new files; an old file from a reused id keeps its mode.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        lock (_tempFiles) if (!_tempFiles.Contains(path)) _tempFiles.Add(path);
        return path;
    }

    // Removes the sub-folders a suffix created, innermost first, stopping at the first one that is not empty.
    private static void DeleteEmptyFoldersUpTo(string? folder, string root)
    {
        var stop = Path.GetFullPath(root);
        while (folder is not null && Path.GetFullPath(folder).StartsWith(stop + Path.DirectorySeparatorChar, StringComparison.Ordinal)
               && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder);
        }
    }
}
