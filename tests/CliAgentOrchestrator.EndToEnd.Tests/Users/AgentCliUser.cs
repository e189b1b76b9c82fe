namespace CliAgentOrchestrator.EndToEnd.Tests.Users;

/// <summary>
/// The user side of a run of the real agent CLIs: the throw-away HOME a CLI reads its configuration
/// from, the project folder agents start in, the variables of the process that starts them, and the
/// fake model they talk to. Shared by the end-to-end test beds and the start-up benchmark, so both
/// run the CLIs the same way.
/// </summary>
/// <param name="Home">The CLIs' HOME.</param>
/// <param name="WorkDirectory">The project folder the agents start in.</param>
/// <param name="Environment">Variables of the process that starts the agents (the server), changed in place.</param>
/// <param name="ModelUrl">The fake model server's base URL (no trailing slash, no <c>/v1</c>).</param>
public sealed record AgentCliUser(string Home, string WorkDirectory, IDictionary<string, string> Environment, string ModelUrl)
{
    /// <summary>
    /// The variables every CLI gets: this HOME, bash as the shell, no self-update or telemetry, every
    /// outside request sent to <paramref name="proxyUrl"/> (a proxy that refuses), and fake keys and
    /// base URLs that lead to the fake model.
    /// </summary>
    public void ApplyCommonEnvironment(string proxyUrl)
    {
        Environment["HOME"] = Home;
        Environment["SHELL"] = "/bin/bash";
        Environment["DISABLE_AUTOUPDATER"] = "1";
        Environment["DISABLE_TELEMETRY"] = "1";
        Environment["DO_NOT_TRACK"] = "1";
        Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        // Whatever honours a proxy gets a refusal instead of the internet; loopback (the fake model, CAO) stays direct.
        Environment["HTTPS_PROXY"] = Environment["HTTP_PROXY"] = Environment["https_proxy"] = Environment["http_proxy"] = proxyUrl;
        Environment["NO_PROXY"] = Environment["no_proxy"] = "127.0.0.1,localhost";
        Environment["ANTHROPIC_BASE_URL"] = ModelUrl;
        Environment["ANTHROPIC_API_KEY"] = "sk-ant-fake-key-for-tests";
        Environment["OPENAI_API_KEY"] = "sk-fake-key-for-tests";
        Environment["OPENAI_BASE_URL"] = ModelUrl + "/v1";
    }
}
