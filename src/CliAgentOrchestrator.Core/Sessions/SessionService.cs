using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Sessions;

/// <summary>
/// Sessions are tmux sessions named <c>cao-…</c>; they are not stored. Creating one creates its first
/// terminal; deleting one deletes its terminals first. Unlike Python, deleting a session that does
/// not exist is a 404 and fires no event.
/// </summary>
public sealed class SessionService(TmuxClient tmux, TerminalService terminals, ICaoEventPublisher events, ILogger<SessionService> logger)
{
    public async Task<LiveTerminal> CreateAsync(CreateTerminalRequest request, CancellationToken cancellationToken)
    {
        using var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.SessionCreate);
        LiveTerminal terminal;
        try
        {
            terminal = await terminals.CreateAsync(request with { NewSession = true }, cancellationToken);
        }
        catch (Exception ex)
        {
            CaoTelemetry.Fail(span, ex);
            throw;
        }
        span?.SetTag(CaoTelemetry.Attributes.Session, terminal.SessionName);
        events.Publish(new PostCreateSessionEvent { SessionId = terminal.SessionName, SessionName = terminal.SessionName });
        return terminal;
    }

    public async Task<IReadOnlyList<SessionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var sessions = await tmux.ListSessionsAsync(cancellationToken);
        return sessions.Where(s => s.Name.StartsWith(TerminalNames.SessionPrefix, StringComparison.Ordinal))
            .Select(s => Summarize(s.Name, s.Attached))
            .ToList();
    }

    public async Task<(SessionSummary Session, IReadOnlyList<LiveTerminal> Terminals)> GetAsync(string name, CancellationToken cancellationToken)
    {
        var session = TerminalNames.SessionName(name);
        var info = (await tmux.ListSessionsAsync(cancellationToken)).FirstOrDefault(s => s.Name == session)
            ?? throw new NotFoundException($"Session '{session}' not found");
        var views = terminals.ListBySession(session).Select(t => new LiveTerminal(t, terminals.StatusOf(t.Id), terminals.FaultOf(t.Id))).ToList();
        return (Summarize(info.Name, info.Attached), views);
    }

    public async Task<IReadOnlyList<string>> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.SessionDelete);
        try
        {
            return await DeleteUntracedAsync(name, span, cancellationToken);
        }
        catch (Exception ex)
        {
            CaoTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task<IReadOnlyList<string>> DeleteUntracedAsync(string name, System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        var session = TerminalNames.SessionName(name);
        span?.SetTag(CaoTelemetry.Attributes.Session, session);
        var exists = await tmux.HasSessionAsync(session, cancellationToken);
        var records = terminals.ListBySession(session);
        if (!exists && records.Count == 0)
            throw new NotFoundException($"Session '{session}' not found");

        var errors = new List<string>();
        foreach (var record in records)
        {
            try
            {
                await terminals.DeleteRecordAsync(record, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Deleting terminal {TerminalId} of session {Session} failed", record.Id, session);
                errors.Add($"{record.Id}: {ex.Message}");
            }
        }
        if (await tmux.HasSessionAsync(session, cancellationToken))
            await tmux.KillSessionAsync(session, cancellationToken);
        terminals.ForgetSession(session);
        events.Publish(new PostKillSessionEvent { SessionId = session, SessionName = session });
        return errors;
    }

    private SessionSummary Summarize(string name, bool attached)
    {
        var first = terminals.ListBySession(name).FirstOrDefault();
        return new SessionSummary(name, attached, first?.WorkingDirectory, first?.AgentProfile);
    }
}
