using System.IO.Compression;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>Builds small .nupkg files (a zip with a .nuspec) around real test plugin assemblies.</summary>
public static class TestPackages
{
    /// <param name="path">The .nupkg to write.</param>
    /// <param name="id">Package id.</param>
    /// <param name="dependencies">Package ids listed as dependencies.</param>
    /// <param name="files">Zip entry name → file to store under it.</param>
    public static string Create(string path, string id, IEnumerable<string> dependencies, IReadOnlyDictionary<string, string> files)
    {
        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>1.0.0</version>
                <authors>tests</authors>
                <description>test</description>
                <dependencies>
                  <group targetFramework="net10.0">
                    {string.Concat(dependencies.Select(d => $"<dependency id=\"{d}\" version=\"1.0.0\" />"))}
                  </group>
                </dependencies>
              </metadata>
            </package>
            """;
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
            writer.Write(nuspec);
        foreach (var (entry, file) in files)
            zip.CreateEntryFromFile(file, entry);
        return path;
    }
}
