using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// <c>cao plugin new</c>: writes a new plugin solution from the copy of <c>templates/content/cao-plugin</c>
/// embedded in CAO, with the same replacements <c>dotnet new cao-plugin</c> makes (see its template.json).
/// </summary>
public static partial class PluginScaffolder
{
    private const string ResourcePrefix = "cao-plugin/";

    /// <summary>Writes the plugin <paramref name="name"/> into <paramref name="outputDirectory"/>; returns the files written.</summary>
    /// <param name="name">A C# identifier such as <c>MyPlugin</c>: the project, assembly and class name.</param>
    /// <param name="outputDirectory">Created; must be missing or empty.</param>
    /// <param name="sdkPath">CliAgentOrchestrator.Plugins.csproj or a folder holding CliAgentOrchestrator.Plugins.dll.</param>
    /// <param name="pluginName">The entry-point name; default <paramref name="name"/> in snake_case.</param>
    public static IReadOnlyList<string> Create(string name, string outputDirectory, string sdkPath, string? pluginName = null)
    {
        if (!Identifier().IsMatch(name))
            throw new InstallationException($"'{name}' is not a C# identifier; use PascalCase letters and digits, e.g. MyPlugin");
        var entryName = string.IsNullOrWhiteSpace(pluginName) ? SnakeCase(name) : pluginName;
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
            throw new InstallationException($"{outputDirectory} already exists and is not empty; choose another --output");

        var replacements = new (string From, string To)[]
        {
            ("CAO_PLUGIN_SDK_PATH", sdkPath),
            ("MY_PLUGIN", NonAlphanumeric().Replace(entryName, "_").ToUpperInvariant()),
            ("my_plugin", entryName),
            ("MyPlugin", name),
        };
        var assembly = typeof(PluginScaffolder).Assembly;
        var written = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var relative = resource[ResourcePrefix.Length..].Replace('\\', '/').Replace("MyPlugin", name, StringComparison.Ordinal);
            var target = Path.Combine(outputDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var text = reader.ReadToEnd();
            foreach (var (from, to) in replacements)
                text = text.Replace(from, to, StringComparison.Ordinal);
            File.WriteAllText(target, text);
            written.Add(target);
        }
        return written;
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
