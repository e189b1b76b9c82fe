using System.Text.Json;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// The linked plugins, kept in <c>$CAO_HOME_DIR/plugin-links.json</c> so they load again at every
/// server start. Nothing is copied at link time: the server loads each folder as the last build left it.
/// </summary>
public sealed class PluginLinks(string homeDirectory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string File => Path.Combine(Path.GetFullPath(homeDirectory), "plugin-links.json");

    /// <summary>The links in the order they were made; an absent file means none.</summary>
    public IReadOnlyList<PluginLink> Read()
    {
        if (!System.IO.File.Exists(File))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<PluginLink>>(System.IO.File.ReadAllText(File)) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InstallationException($"{File} is not valid JSON ({ex.Message}); fix or delete it (it lists the plugins linked with `cao plugin install --link`)", ex);
        }
    }

    /// <summary>The linked folders as the plugin host loads them: read again from disk on every call.</summary>
    public IReadOnlyList<PluginFolder> Folders() =>
        Read().Where(l => Directory.Exists(l.Folder))
            .Select(l => new PluginFolder(l.Folder, PluginDiscovery.FindEntryAssemblies(l.Folder), Linked: true)).ToList();

    public void Add(PluginLink link) => Write([.. Read().Where(l => !SameFolder(l.Folder, link.Folder)), link]);

    /// <summary>Removes the link to <paramref name="folder"/>; false when there was none.</summary>
    public bool Remove(string folder)
    {
        var links = Read();
        var kept = links.Where(l => !SameFolder(l.Folder, folder)).ToList();
        if (kept.Count == links.Count)
            return false;
        Write(kept);
        return true;
    }

    public PluginLink? Find(string folder) => Read().FirstOrDefault(l => SameFolder(l.Folder, folder));

    private void Write(IReadOnlyList<PluginLink> links)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        // Write beside and rename, so a crash never leaves a half-written list behind.
        var temporary = File + ".tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(links, Json) + "\n");
        System.IO.File.Move(temporary, File, overwrite: true);
    }

    internal static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
