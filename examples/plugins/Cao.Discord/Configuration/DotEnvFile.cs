using DotNetEnv;

namespace Cao.Discord.Configuration;

/// <summary>Reads the nearest <c>.env</c> file, searching from a directory up to the root.</summary>
internal static class DotEnvFile
{
    /// <summary>
    /// The keys of the nearest <c>.env</c> at or above <paramref name="startDirectory"/>, or none.
    /// The values are returned, not written into the process environment: CAO runs many plugins in
    /// one process and another plugin's configuration is none of ours to change.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(string startDirectory)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = Env.NoEnvVars().TraversePath().Load(Path.Combine(startDirectory, Env.DEFAULT_ENVFILENAME));
        foreach (var (key, value) in pairs)
            values[key] = value; // a later duplicate wins, as in a shell
        return values;
    }
}
