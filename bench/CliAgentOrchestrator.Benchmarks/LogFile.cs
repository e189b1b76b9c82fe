namespace CliAgentOrchestrator.Benchmarks;

/// <summary>Watching a terminal log (written by tmux pipe-pane) for text, as closely as a poll allows.</summary>
internal static class LogFile
{
    public static async Task WaitForAsync(string path, long offset, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!Contains(path, offset, text))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"'{text}' never reached {path}");
            await Task.Delay(1);
        }
    }

    private static bool Contains(string path, long offset, string text)
    {
        if (!File.Exists(path))
            return false;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
    }
}
