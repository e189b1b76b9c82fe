using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Tests.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Profiles;

public sealed class ProfileVariablesTests : IDisposable
{
    private readonly TempDirectory _home = new();

    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Key == name).Value;

    [Fact]
    public void PlaceholdersComeFromTheEnvironmentThenTheDotEnvFile()
    {
        _home.Write(".env", "# secrets\nTOKEN=from-file\nexport REGION=\"eu-west-1\"\nBOTH='file'\n");
        var variables = new ProfileVariables(_home.Path, Env(("BOTH", "env")));

        Assert.Equal("t=from-file r=eu-west-1 b=env", variables.Substitute("t=${TOKEN} r=${REGION} b=${BOTH}"));
    }

    [Fact]
    public void UnknownPlaceholdersAreLeftAsWritten()
    {
        var variables = new ProfileVariables(_home.Path, Env());
        Assert.Equal("key=${MISSING} cost=$5 {x}", variables.Substitute("key=${MISSING} cost=$5 {x}"));
    }

    [Fact]
    public void SubstitutionReachesFrontmatterValuesAndTheBody()
    {
        var variables = new ProfileVariables(_home.Path, Env(("API", "abc: def"), ("TEAM", "blue")));
        var text = "---\nname: agent\ndescription: ${TEAM} team\nmcpServers:\n  s:\n    command: srv\n    env:\n      KEY: ${API}\n---\nYou work for ${TEAM}.";

        var profile = ProfileParser.Parse(text, "agent", variables);

        Assert.Equal("blue team", profile.Description);
        // A value holding YAML syntax ("abc: def") is substituted after parsing, so it stays one string.
        Assert.Equal("abc: def", profile.McpServers["s"].Env["KEY"]);
        Assert.Equal("You work for blue.", profile.SystemPrompt);
    }

    [Fact]
    public void DotEnvParsingHandlesCommentsAndBlankLines()
    {
        var values = ProfileVariables.ParseDotEnv("\n# c\nA=1 # trailing\nB = two words \nnot a pair\n");
        Assert.Equal("1", values["A"]);
        Assert.Equal("two words", values["B"]);
        Assert.Equal(2, values.Count);
    }

    public void Dispose() => _home.Dispose();
}
