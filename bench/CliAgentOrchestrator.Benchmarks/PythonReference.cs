using System.Diagnostics;
using System.Globalization;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// The Python original's dispatch (asyncio.create_task per hook) measured in the same run by
/// bench/python/dispatch_reference.py, when python3 is on the PATH.
/// </summary>
internal static class PythonReference
{
    /// <summary>" | reference …, ratio …" for a p99 of ours, or a note saying why there is no reference.</summary>
    public static string Describe(double ourP99)
    {
        var script = FindScript();
        if (script is null)
            return " | reference: bench/python/dispatch_reference.py not found";
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", [script, "10000", "2"]) { RedirectStandardOutput = true })!;
            var line = python.StandardOutput.ReadToEnd().Trim();
            python.WaitForExit();
            var fields = line.Split(' ');
            var p50 = double.Parse(fields[0], CultureInfo.InvariantCulture);
            var p99 = double.Parse(fields[1], CultureInfo.InvariantCulture);
            return $" | reference (Python asyncio.create_task dispatch, same rate): p50 {p50:F1} us, p99 {p99:F1} us | p99 ratio {ourP99 / p99:F2}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException or IndexOutOfRangeException)
        {
            return $" | reference: python3 could not run the Python dispatch ({e.Message})";
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "python", "dispatch_reference.py");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
