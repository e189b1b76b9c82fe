using System.CommandLine;
using CliAgentOrchestrator.Cli.Plugins;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Tests.Support;
using Spectre.Console;

namespace CliAgentOrchestrator.Tests.Cli.Plugins;

// Runs the real `cao plugin` commands through System.CommandLine with a private home, console and
// server address (a port nothing listens on), so nothing of the process environment is touched.
public sealed class PluginInstallationCommandTests : IDisposable
{
    private const string Recorder = "Cao.TestPlugins.Recorder";

    private readonly TempDirectory _home = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    private string PluginsDirectory => Path.Combine(_home.Path, "plugins");

    [Fact]
    public async Task InstallListInfoDisableEnableUninstall()
    {
        Assert.Equal(0, await RunAsync("plugin", "install", PluginTestBed.BuiltPluginFolder(Recorder)));
        Assert.Contains($"Installed recorder into {Path.Combine(PluginsDirectory, Recorder)}", _out.ToString());
        Assert.Contains("Loaded CAO plugin: recorder", _out.ToString());

        Assert.Equal(0, await RunAsync("plugin", "disable", "recorder"));
        Assert.True(PluginSettings.Load(Path.Combine(_home.Path, "settings.json"), new Dictionary<string, string>()).IsDisabled("recorder"));

        Assert.Equal(0, await RunAsync("plugin", "list"));
        var list = _out.ToString();
        Assert.Contains("is not running; showing what is installed", list);
        Assert.Matches(@"recorder\s*│\s*0\.1\.0\s*│\s*disabled\s*│\s*6", list);

        Assert.Equal(0, await RunAsync("plugin", "enable", "recorder"));
        Assert.Equal(0, await RunAsync("plugin", "info", "recorder"));
        var info = _out.ToString();
        Assert.Matches(@"status\s+enabled", info);
        Assert.Contains("post_send_message: RecorderPlugin.OnAnyAsync", info);

        Assert.Equal(0, await RunAsync("plugin", "uninstall", "recorder"));
        Assert.False(Directory.Exists(Path.Combine(PluginsDirectory, Recorder)));
        Assert.Equal("", _error.ToString());
    }

    [Fact]
    public async Task NewWritesTheTemplateWithTheGivenSdk()
    {
        var output = Path.Combine(_home.Path, "src", "Weather");

        Assert.Equal(0, await RunAsync("plugin", "new", "Weather", "--output", output, "--sdk", AppContext.BaseDirectory, "--plugin-name", "weather"));

        Assert.Contains("[assembly: CaoPlugin(\"weather\", typeof(Cao.Weather.Weather))]", File.ReadAllText(Path.Combine(output, "Weather", "PluginEntryPoint.cs")));
        Assert.Contains($">{Path.GetFullPath(AppContext.BaseDirectory)}</CaoPluginSdk>", File.ReadAllText(Path.Combine(output, "Directory.Build.props")));
        Assert.True(File.Exists(Path.Combine(output, "tests", "Weather.Tests", "WeatherTests.cs")));
    }

    [Theory]
    [InlineData("install", "/nonexistent/plugin", "error: /nonexistent/plugin does not exist; pass a plugin project folder, its .csproj, a publish folder or a .nupkg")]
    [InlineData("uninstall", "nope", "error: No installed plugin is named 'nope'; `cao plugin list` shows the installed ones")]
    [InlineData("info", "nope", "error: No plugin named 'nope' is installed; `cao plugin list` shows the installed ones")]
    [InlineData("disable", "nope", "error: No plugin named 'nope' is installed; `cao plugin list` shows the installed ones")]
    [InlineData("new", "bad-name", "error: 'bad-name' is not a C# identifier; use PascalCase letters and digits, e.g. MyPlugin")]
    public async Task UserErrorsAreOneLineAndExitCodeOne(string command, string argument, string expected)
    {
        Assert.Equal(1, await RunAsync("plugin", command, argument));

        Assert.Equal(expected + Environment.NewLine, _error.ToString());
    }

    [Fact]
    public async Task InvalidSettingsFileIsOneLineToo()
    {
        Assert.Equal(0, await RunAsync("plugin", "install", PluginTestBed.BuiltPluginFolder(Recorder)));
        File.WriteAllText(Path.Combine(_home.Path, "settings.json"), "{ broken");

        Assert.Equal(1, await RunAsync("plugin", "enable", "recorder"));

        Assert.StartsWith($"error: {Path.Combine(_home.Path, "settings.json")} is not valid JSON", _error.ToString());
        Assert.EndsWith("; fix or delete it" + Environment.NewLine, _error.ToString());
    }

    public void Dispose() => _home.Dispose();

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        var environment = new CliEnvironment(
            new Dictionary<string, string> { ["CAO_HOME_DIR"] = _home.Path },
            console,
            _error,
            new Uri("http://127.0.0.1:9/")); // the discard port: no cao-server answers there
        return new RootCommand { PluginCommand.Create(environment) }.Parse(args).InvokeAsync();
    }
}
