using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Unpacks the best <c>lib/netX.Y</c> folder (highest version CAO's runtime can run) of a plugin
/// package. A package only carries its own assemblies, so one with dependencies beyond the SDK
/// (which CAO provides) cannot be installed this way: its project can.
/// </summary>
public static partial class NupkgExtractor
{
    private static readonly Version Runtime = new(Environment.Version.Major, Environment.Version.Minor);

    public static void Extract(string package, string outputFolder)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(package);
        }
        catch (InvalidDataException ex)
        {
            throw new InstallationException($"{package} is not a valid .nupkg (zip) file; pack the plugin again with `dotnet pack`", ex);
        }
        using (zip)
        {
            CheckDependencies(package, zip);
            var framework = BestFramework(zip)
                ?? throw new InstallationException($"{package} has no lib/netX.Y folder for .NET {Runtime} or older; build the plugin for net{Runtime} or install it from its project");
            Directory.CreateDirectory(outputFolder);
            var prefix = $"lib/{framework}/";
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && e.Name.Length > 0))
            {
                var target = Path.GetFullPath(Path.Combine(outputFolder, Uri.UnescapeDataString(entry.FullName[prefix.Length..])));
                if (!target.StartsWith(Path.GetFullPath(outputFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InstallationException($"{package} holds an entry that escapes its folder ({entry.FullName}); refusing to install it");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: true);
            }
        }
    }

    private static void CheckDependencies(string package, ZipArchive zip)
    {
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new InstallationException($"{package} has no .nuspec; is it a NuGet package? Pack the plugin with `dotnet pack`");
        XDocument document;
        using (var stream = nuspec.Open())
            document = XDocument.Load(stream);
        var extra = document.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string?)e.Attribute("id") ?? "")
            .Where(id => !SharedAssemblies.Contains(new System.Reflection.AssemblyName(id)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (extra.Count > 0)
            throw new InstallationException($"{package} depends on {string.Join(", ", extra)}, which a package install cannot bring along; install the plugin from its project instead (cao plugin install <project folder>)");
    }

    private static string? BestFramework(ZipArchive zip) =>
        zip.Entries.Select(e => e.FullName.Split('/'))
            .Where(parts => parts.Length >= 3 && parts[0].Equals("lib", StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(folder => (folder, version: NetVersion().Match(folder) is { Success: true } m ? Version.Parse(m.Groups[1].Value) : null))
            .Where(x => x.version is not null && x.version <= Runtime)
            .OrderByDescending(x => x.version)
            .Select(x => x.folder)
            .FirstOrDefault();

    // net5.0 and later only: netstandard and netcoreapp folders are for other runtimes' packages.
    [GeneratedRegex(@"^net(\d+\.\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NetVersion();
}
