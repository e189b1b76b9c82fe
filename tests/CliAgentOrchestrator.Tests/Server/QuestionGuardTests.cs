using System.Net;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// While an agent waits on a question, an assign or handoff task is refused with 409 instead of being
/// typed as the answer (mock_cli, like Claude Code, reads the next line as the answer).
/// </summary>
public sealed class QuestionGuardTests
{
    [Fact]
    public async Task AnAssignedTaskIsRefusedUntilTheQuestionIsAnswered()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.PostJsonAsync($"/terminals/{id}/input?message={Uri.EscapeDataString("__mock_approval__ deploy now?")}");
        await server.WaitForStatusAsync(id, "waiting_user_answer");

        var (status, body) = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post,
            $"/terminals/{id}/input?message=write-the-tests&sender_id=0000beef&orchestration_type=assign"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("waiting for an answer", body);
        Assert.Equal("waiting_user_answer", await server.StatusAsync(id));

        await server.PostJsonAsync($"/terminals/{id}/input?message=y");
        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{id}/output?mode=full"))["output"]!.GetValue<string>().Contains("> MOCK: approved"),
            "the question answered by the operator, not by the task");
        await server.WaitForStatusAsync(id, "completed");
        await server.PostJsonAsync($"/terminals/{id}/input?message=write-the-tests&sender_id=0000beef&orchestration_type=assign");
        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{id}/output?mode=full"))["output"]!.GetValue<string>().Contains("> MOCK: write-the-tests"),
            "the task delivered once the question is answered");
    }
}
