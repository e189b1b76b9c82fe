using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli.Plugins;

// Runs the real `cao plugin` commands through the same root command as Program.cs, with a private
// home, captured output and a server address nothing listens on, so nothing of the process is touched.
public sealed class PluginInstallationCommandTests : IDisposable
{
    private const string Recorder = "Cao.TestPlugins.Recorder";

    private readonly TempDirectory _home = new();

    private string PluginsDirectory => Path.Combine(_home.Path, "plugins");

    [Fact]
    public async Task InstallListInfoDisableEnableUninstall()
    {
        var install = await SucceedsAsync("plugin", "install", PluginTestBed.BuiltPluginFolder(Recorder));
        Assert.Contains($"Installed recorder into {Path.Combine(PluginsDirectory, Recorder)}", install);
        Assert.Contains("Loaded CAO plugin: recorder", install);

        await SucceedsAsync("plugin", "disable", "recorder");
        Assert.True(PluginSettings.Load(Path.Combine(_home.Path, "settings.json"), new Dictionary<string, string>()).IsDisabled("recorder"));

        var list = await SucceedsAsync("plugin", "list");
        Assert.Contains("is not running; showing what is installed", list);
        Assert.Matches(@"recorder\t1\.0\.0\tdisabled\t-\t6\t", list); // piped: tab-separated; isolation "-" without a server

        await SucceedsAsync("plugin", "enable", "recorder");
        var info = await SucceedsAsync("plugin", "info", "recorder");
        Assert.Matches(@"status\s+enabled", info);
        Assert.Contains("post_send_message: RecorderPlugin.OnAnyAsync", info);

        await SucceedsAsync("plugin", "uninstall", "recorder");
        Assert.False(Directory.Exists(Path.Combine(PluginsDirectory, Recorder)));
    }

    [Fact]
    public async Task NewWritesTheTemplateWithTheGivenSdk()
    {
        var output = Path.Combine(_home.Path, "src", "Weather");

        await SucceedsAsync("plugin", "new", "Weather", "--output", output, "--sdk", AppContext.BaseDirectory, "--plugin-name", "weather");

        Assert.Contains("[assembly: CaoPlugin(\"weather\", typeof(Cao.Weather.Weather))]", File.ReadAllText(Path.Combine(output, "Weather", "PluginEntryPoint.cs")));
        Assert.Contains($">{Path.GetFullPath(AppContext.BaseDirectory)}</CaoPluginSdk>", File.ReadAllText(Path.Combine(output, "Directory.Build.props")));
        Assert.True(File.Exists(Path.Combine(output, "tests", "Weather.Tests", "WeatherTests.cs")));
        Assert.False(File.Exists(Path.Combine(output, "Weather", "WeatherProvider.cs")));
    }

    [Fact]
    public async Task NewWithProviderAddsTheProviderAndItsScreenTests()
    {
        var output = Path.Combine(_home.Path, "src", "Weather");

        await SucceedsAsync("plugin", "new", "Weather", "--output", output, "--sdk", AppContext.BaseDirectory, "--provider");

        Assert.Contains("[assembly: CaoProvider(\"weather\", typeof(Cao.Weather.WeatherProvider)", File.ReadAllText(Path.Combine(output, "Weather", "WeatherProvider.cs")));
        Assert.True(File.Exists(Path.Combine(output, "tests", "Weather.Tests", "WeatherProviderTests.cs")));
        Assert.True(File.Exists(Path.Combine(output, "tests", "Weather.Tests", "Screens", "completed.txt")));
    }

    [Theory]
    [InlineData("install", "/nonexistent/plugin", "error: /nonexistent/plugin does not exist; pass a plugin project folder, its .csproj, a publish folder or a .nupkg")]
    [InlineData("uninstall", "nope", "error: No installed plugin is named 'nope'; `cao plugin list` shows the installed ones")]
    [InlineData("info", "nope", "error: No plugin named 'nope' is installed; `cao plugin list` shows the installed ones")]
    [InlineData("disable", "nope", "error: No plugin named 'nope' is installed; `cao plugin list` shows the installed ones")]
    [InlineData("new", "bad-name", "error: 'bad-name' is not a C# identifier; use PascalCase letters and digits, e.g. MyPlugin")]
    public async Task UserErrorsAreOneLineAndExitCodeOne(string command, string argument, string expected)
    {
        var result = await RunAsync("plugin", command, argument);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task InvalidSettingsFileIsOneLineToo()
    {
        await SucceedsAsync("plugin", "install", PluginTestBed.BuiltPluginFolder(Recorder));
        File.WriteAllText(Path.Combine(_home.Path, "settings.json"), "{ broken");

        var result = await RunAsync("plugin", "enable", "recorder");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {Path.Combine(_home.Path, "settings.json")} is not valid JSON", result.Error);
        Assert.EndsWith("; fix or delete it" + Environment.NewLine, result.Error);
    }

    public void Dispose() => _home.Dispose();

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(_home.Path)), args);

    /// <summary>Runs a command that must succeed without an error; returns stdout, then stderr (where hints and context go).</summary>
    private async Task<string> SucceedsAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0 && !result.Error.Contains("error:", StringComparison.Ordinal), result.ToString());
        return result.Out + result.Error;
    }
}
