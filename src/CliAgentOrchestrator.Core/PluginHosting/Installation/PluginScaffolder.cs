using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// <c>cao plugin new</c>: writes a new plugin solution from the copy of <c>templates/content/cao-plugin</c>
/// embedded in CAO, with the same replacements <c>dotnet new cao-plugin</c> makes (see its template.json).
/// </summary>
public static partial class PluginScaffolder
{
    private const string ResourcePrefix = "cao-plugin/";
    private const string NuGetConfig = "nuget.config";
    private const string IfProvider = "<!--#if (provider) -->";
    private const string EndIf = "<!--#endif -->";

    // As template.json's "(!provider)" modifier: files only a plugin with a provider gets.
    private static readonly string[] ProviderOnly = ["MyPlugin/MyPluginProvider.cs", "tests/MyPlugin.Tests/MyPluginProviderTests.cs", "tests/MyPlugin.Tests/Screens/"];

    /// <summary>Writes the plugin <paramref name="name"/> into <paramref name="outputDirectory"/>; returns the files written.</summary>
    /// <param name="name">A C# identifier such as <c>MyPlugin</c>: the project, assembly and class name.</param>
    /// <param name="outputDirectory">Created; must be missing or empty.</param>
    /// <param name="sdk">The SDK package and its feed, or a path to the SDK project or dll folder.</param>
    /// <param name="pluginName">The entry-point name; default <paramref name="name"/> in snake_case.</param>
    /// <param name="provider">Also write the provider sample and its tests (the template's <c>--provider</c>).</param>
    public static IReadOnlyList<string> Create(string name, string outputDirectory, PluginSdkReference sdk, string? pluginName = null, bool provider = false)
    {
        if (!Identifier().IsMatch(name))
            throw new InstallationException($"'{name}' is not a C# identifier; use PascalCase letters and digits, e.g. MyPlugin");
        var entryName = string.IsNullOrWhiteSpace(pluginName) ? SnakeCase(name) : pluginName;
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
            throw new InstallationException($"{outputDirectory} already exists and is not empty; choose another --output");

        var replacements = new (string From, string To)[]
        {
            ("MY_PLUGIN", NonAlphanumeric().Replace(entryName, "_").ToUpperInvariant()),
            ("my_plugin", entryName),
            ("MyPlugin", name),
            // Paths last: a folder named like the placeholders above must reach the files unchanged.
            ("CAO_PLUGIN_SDK_PATH", sdk.Path ?? ""),
            ("CAO_SDK_VERSION", sdk.PackageVersion),
            ("CAO_PACKAGE_FEED", sdk.PackageFeed ?? ""),
        };
        var assembly = typeof(PluginScaffolder).Assembly;
        var written = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var templatePath = resource[ResourcePrefix.Length..].Replace('\\', '/');
            if (!provider && ProviderOnly.Any(p => p.EndsWith('/') ? templatePath.StartsWith(p, StringComparison.Ordinal) : templatePath == p))
                continue;
            var relative = templatePath.Replace("MyPlugin", name, StringComparison.Ordinal);
            // As template.json says: a project pointed at an SDK path restores nothing from CAO's feed.
            if (!sdk.IsPackage && relative == NuGetConfig)
                continue;
            var target = Path.Combine(outputDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var text = ProviderBlocks(reader.ReadToEnd(), provider);
            foreach (var (from, to) in replacements)
                text = text.Replace(from, to, StringComparison.Ordinal);
            File.WriteAllText(target, text);
            written.Add(target);
        }
        return written;
    }

    // The template engine's conditional for the one symbol the template tests in content: the marker lines
    // go, and the lines between them stay only with a provider.
    private static string ProviderBlocks(string text, bool provider)
    {
        if (!text.Contains(IfProvider, StringComparison.Ordinal))
            return text;
        var kept = new System.Text.StringBuilder(text.Length);
        var inBlock = false;
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start) is var newline and >= 0 ? newline + 1 : text.Length;
            var line = text[start..end];
            start = end;
            var marker = line.Trim();
            if (marker == IfProvider)
                inBlock = true;
            else if (marker == EndIf)
                inBlock = false;
            else if (!inBlock || provider)
                kept.Append(line);
        }
        return kept.ToString();
    }

    /// <summary><c>MyPlugin</c> → <c>my_plugin</c>, as the template's <c>snakeCase</c> form does it.</summary>
    public static string SnakeCase(string name) => WordStart().Replace(name, "_").ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordStart();

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NonAlphanumeric();
}
