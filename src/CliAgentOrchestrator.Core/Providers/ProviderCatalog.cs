namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// The providers CAO knows: key → factory. The terminal service creates one provider per terminal
/// with <see cref="Create"/>; the API lists them with <see cref="List"/>.
/// </summary>
public sealed class ProviderCatalog
{
    private readonly Dictionary<string, (string Binary, Func<ProviderContext, IProvider> Factory)> _providers = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _locate;
    private readonly ProviderOptions _options;

    /// <summary>The built-in providers: <c>kiro_cli</c>, <c>claude_code</c>, <c>codex</c>, <c>copilot_cli</c>, <c>opencode_cli</c>, <c>mock_cli</c>.</summary>
    /// <param name="locate">Finds a binary (by default on the server's PATH, then on the PATH a new pane's login shell sets up); tests pass their own.</param>
    /// <param name="options">Server-wide provider settings, handed to every provider through its context.</param>
    public ProviderCatalog(Func<string, string?>? locate = null, ProviderOptions? options = null)
    {
        if (locate is null) LoginShellPath.Warm();
        _locate = locate ?? (name => ExecutableLocator.Find(name) ?? ExecutableLocator.Find(name, LoginShellPath.Value));
        _options = options ?? new ProviderOptions();
        Register(KiroCliProvider.ProviderKey, KiroCliProvider.Binary, ctx => new KiroCliProvider(ctx));
        Register(ClaudeCodeProvider.ProviderKey, ClaudeCodeProvider.Binary, ctx => new ClaudeCodeProvider(ctx));
        Register(CodexProvider.ProviderKey, CodexProvider.Binary, ctx => new CodexProvider(ctx));
        Register(CopilotCliProvider.ProviderKey, CopilotCliProvider.Binary, ctx => new CopilotCliProvider(ctx));
        Register(OpenCodeCliProvider.ProviderKey, OpenCodeCliProvider.Binary, ctx => new OpenCodeCliProvider(ctx));
        Register(MockCliProvider.ProviderKey, MockCliProvider.DefaultScriptPath, ctx => new MockCliProvider(ctx));
    }

    /// <summary>The provider used when a request names none (as in the Python original).</summary>
    public const string DefaultKey = KiroCliProvider.ProviderKey;

    /// <summary>Registered keys, in registration order.</summary>
    public IReadOnlyList<string> Keys => [.. _providers.Keys];

    /// <summary>Adds or replaces a provider.</summary>
    public void Register(string key, string binary, Func<ProviderContext, IProvider> factory) => _providers[key] = (binary, factory);

    /// <summary>
    /// Adds a provider a plugin declared (<see cref="CaoProviderAttribute"/>); null when done, else why not
    /// (a key already taken, by a built-in or an earlier plugin, is never replaced).
    /// </summary>
    public string? RegisterFromPlugin(string key, string binary, Func<ProviderContext, IProvider> factory)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[a-z][a-z0-9_]{0,47}$"))
            return $"provider key '{key}' must be 1-48 characters of lowercase letters, digits and '_', starting with a letter";
        lock (_providers)
        {
            if (_providers.ContainsKey(key))
                return $"a provider named '{key}' is already registered";
            _providers[key] = (binary, factory);
        }
        return null;
    }

    /// <summary>Whether <paramref name="key"/> names a provider.</summary>
    public bool Contains(string key) => _providers.ContainsKey(key);

    /// <summary>A new provider instance for one terminal.</summary>
    /// <exception cref="UnknownProviderException">No provider has that key.</exception>
    public IProvider Create(string key, ProviderContext context) =>
        _providers.TryGetValue(key, out var entry)
            ? entry.Factory(context with { ConfiguredInitTimeout = context.ConfiguredInitTimeout ?? _options.InitTimeout })
            : throw new UnknownProviderException(key, Keys);

    /// <summary>Every provider with its binary and whether it is installed.</summary>
    public IReadOnlyList<ProviderInfo> List() =>
        [.. _providers.Select(p => new ProviderInfo(p.Key, Path.GetFileName(p.Value.Binary), _locate(p.Value.Binary) is not null))];
}
