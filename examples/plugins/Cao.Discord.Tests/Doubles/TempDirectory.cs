namespace Cao.Discord.Tests.Doubles;

/// <summary>
/// A fresh directory holding an empty <c>.env</c>, so the search for <c>.env</c> stops here and
/// never finds a stray file further up the machine's tree.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(bool withEmptyDotEnv = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cao-discord-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (withEmptyDotEnv)
            File.WriteAllText(System.IO.Path.Combine(Path, ".env"), "");
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
