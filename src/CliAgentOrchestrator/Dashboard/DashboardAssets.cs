using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace CliAgentOrchestrator.Dashboard;

/// <summary>
/// The dashboard's files, embedded in cao.dll (resources named <c>dashboard/&lt;path&gt;</c>, from
/// Dashboard/assets): the installed tool serves them with nothing beside it to find, whatever the
/// current directory, and no build step outside <c>dotnet build</c> produces them.
/// </summary>
public sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardAsset> _assets;

    public DashboardAssets() : this(typeof(DashboardAssets).Assembly)
    {
    }

    public DashboardAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var path = name[Prefix.Length..];
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            assets[path] = new DashboardAsset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The asset at <paramref name="path"/> (e.g. <c>app.js</c>, <c>vendor/xterm/xterm.mjs</c>), or null.</summary>
    public DashboardAsset? Find(string path) => _assets.GetValueOrDefault(path);

    public IEnumerable<string> Paths => _assets.Keys;
}
