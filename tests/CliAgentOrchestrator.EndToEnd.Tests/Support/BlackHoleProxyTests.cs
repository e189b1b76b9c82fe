using System.Net;

namespace CliAgentOrchestrator.EndToEnd.Tests.Support;

/// <summary>The agents' proxy refuses a request for the internet and records where it was going.</summary>
public sealed class BlackHoleProxyTests
{
    [Fact]
    public async Task A_request_through_the_proxy_is_refused_and_recorded()
    {
        await using var proxy = new BlackHoleProxy();
        using var http = new HttpClient(new HttpClientHandler { Proxy = new WebProxy(proxy.Url), UseProxy = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("https://update.example.invalid/latest"));

        Assert.Contains("CONNECT update.example.invalid:443 HTTP/1.1", proxy.Attempts);
    }
}
