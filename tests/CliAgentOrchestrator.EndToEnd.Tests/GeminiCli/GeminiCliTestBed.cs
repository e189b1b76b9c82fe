using CliAgentOrchestrator.EndToEnd.Tests.FakeModel;
using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;

namespace CliAgentOrchestrator.EndToEnd.Tests.GeminiCli;

/// <summary>
/// An <see cref="AgentTestBed"/> with the Gemini CLI example plugin (<c>examples/plugins/Cao.GeminiCli</c>,
/// published to <c>testplugins/gemini-cli</c>) installed in the server's plugins folder, and a user set up by
/// <see cref="GeminiCliUser"/> (an API key, a fixed model).
/// </summary>
internal static class GeminiCliTestBed
{
    public const string Provider = "gemini_cli";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed =>
    {
        var plugin = Directory.CreateDirectory(Path.Combine(bed.Server.Home.PluginsDirectory, "gemini-cli")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testplugins", "gemini-cli")))
            File.Copy(file, Path.Combine(plugin, Path.GetFileName(file)));
        GeminiCliUser.Configure(bed.User);
    });

    /// <summary>Where Gemini CLI's agent turns go on the fake model.</summary>
    public const string ModelRequestPath = GeminiGenerateContentApi.PathPrefix;
}
