using CliAgentOrchestrator.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// Options for a test, bound through <see cref="CaoConfiguration"/> from the variables the test names,
/// exactly as the server binds them, without touching the process environment or any settings.json.
/// </summary>
public static class TestConfiguration
{
    public static IConfiguration From(params (string Variable, string Value)[] variables) =>
        CaoConfiguration.Build("/nonexistent/settings.json", variables.ToDictionary(v => v.Variable, v => v.Value));

    /// <summary>Options <typeparamref name="T"/> from <paramref name="section"/>, e.g. short timings: <c>("CAO_PLUGINS_DRAIN_TIMEOUT", "0.3")</c>.</summary>
    public static T Options<T>(string section, params (string Variable, string Value)[] variables) where T : new() =>
        From(variables).Bind<T>(section);
}
