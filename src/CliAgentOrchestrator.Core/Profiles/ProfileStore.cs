
namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// Finds agent profiles by name. Lookup order (reference §9): <c>&lt;home&gt;/agent-store/&lt;n&gt;.md</c>,
/// then each extra directory (<c>&lt;n&gt;.md</c> or <c>&lt;n&gt;/agent.md</c>), then the built-ins shipped
/// as embedded resources. The first hit wins, so a local copy overrides a built-in of the same name.
/// </summary>
public sealed class ProfileStore
{
    private const string ResourcePrefix = "CliAgentOrchestrator.Core.Profiles.BuiltIn.";
    private readonly IReadOnlyList<string> _extraDirectories;
    private readonly ProfileVariables _variables;

    /// <param name="homeDirectory">CAO home (resolved from <c>CAO_HOME_DIR</c> by the caller).</param>
    /// <param name="extraDirectories">More directories to search, in order.</param>
    /// <param name="variables">Placeholder values; environment + <c>&lt;home&gt;/.env</c> by default.</param>
    public ProfileStore(string homeDirectory, IEnumerable<string>? extraDirectories = null, ProfileVariables? variables = null)
    {
        HomeDirectory = homeDirectory;
        _extraDirectories = extraDirectories?.ToList() ?? [];
        _variables = variables ?? new ProfileVariables(homeDirectory);
    }

    /// <summary>The placeholder values profiles are read with.</summary>
    public ProfileVariables Variables => _variables;

    /// <summary>CAO home.</summary>
    public string HomeDirectory { get; }

    /// <summary><c>&lt;home&gt;/agent-store</c>.</summary>
    public string AgentStoreDirectory => Path.Combine(HomeDirectory, "agent-store");

    /// <summary>Names of the built-in profiles.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(ProfileStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^3])
            .Order(StringComparer.Ordinal)];

    /// <summary>The profile named <paramref name="name"/>, or null when no tier has it.</summary>
    /// <exception cref="ProfileException">The name is invalid, or the file found is not a valid profile.</exception>
    public FoundProfile? Find(string name)
    {
        ProfileNames.Validate(name);
        foreach (var (file, source) in Candidates(name))
        {
            if (File.Exists(file)) return Read(File.ReadAllText(file), name, source, file);
        }
        return ReadBuiltIn(name) is { } text ? Read(text, name, ProfileSource.BuiltIn, "builtin:" + name) : null;
    }

    /// <summary>The profile named <paramref name="name"/>.</summary>
    /// <exception cref="ProfileNotFoundException">No tier has it.</exception>
    public AgentProfile Load(string name) =>
        Find(name)?.Profile ?? throw new ProfileNotFoundException(name, SearchedPlaces());

    /// <summary>Every profile visible by name, the winning tier for each, sorted by name.</summary>
    /// <remarks>Files that fail to parse are listed with the error as their description, so they can be fixed.</remarks>
    public IReadOnlyList<ProfileSummary> List()
    {
        var seen = new Dictionary<string, ProfileSummary>(StringComparer.Ordinal);
        void Add(string name, ProfileSource source, Func<string> text)
        {
            if (!ProfileNames.IsValid(name) || seen.ContainsKey(name)) return;
            string description;
            try { description = ProfileParser.Parse(text(), name, _variables).Description; }
            catch (Exception e) when (e is ProfileException or IOException) { description = "(invalid: " + e.Message + ")"; }
            seen[name] = new ProfileSummary(name, SourceLabel(source), description);
        }

        foreach (var file in MarkdownFiles(AgentStoreDirectory))
            Add(Path.GetFileNameWithoutExtension(file), ProfileSource.Local, () => File.ReadAllText(file));
        foreach (var dir in _extraDirectories)
        {
            foreach (var file in MarkdownFiles(dir))
                Add(Path.GetFileNameWithoutExtension(file), ProfileSource.Directory, () => File.ReadAllText(file));
            if (!Directory.Exists(dir)) continue;
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var agent = Path.Combine(sub, "agent.md");
                if (File.Exists(agent)) Add(Path.GetFileName(sub), ProfileSource.Directory, () => File.ReadAllText(agent));
            }
        }
        foreach (var name in BuiltInNames) Add(name, ProfileSource.BuiltIn, () => ReadBuiltIn(name)!);
        return [.. seen.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>The label used in listings and the API.</summary>
    public static string SourceLabel(ProfileSource source) => source switch
    {
        ProfileSource.Local => "local",
        ProfileSource.Directory => "directory",
        _ => "built-in",
    };

    /// <summary>The raw text of a built-in profile, or null.</summary>
    public static string? ReadBuiltIn(string name)
    {
        using var stream = typeof(ProfileStore).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".md");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private FoundProfile Read(string text, string name, ProfileSource source, string location) =>
        new(ProfileParser.Parse(text, name, _variables), source, location, text);

    private IEnumerable<(string File, ProfileSource Source)> Candidates(string name)
    {
        yield return (Path.Combine(AgentStoreDirectory, name + ".md"), ProfileSource.Local);
        foreach (var dir in _extraDirectories)
        {
            yield return (Path.Combine(dir, name + ".md"), ProfileSource.Directory);
            yield return (Path.Combine(dir, name, "agent.md"), ProfileSource.Directory);
        }
    }

    private IEnumerable<string> SearchedPlaces() => [AgentStoreDirectory, .. _extraDirectories, "built-in profiles"];

    private static IEnumerable<string> MarkdownFiles(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.md") : [];
}
