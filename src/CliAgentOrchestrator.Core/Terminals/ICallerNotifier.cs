namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>Tells the agent that started a worker what became of it, when nobody else will.</summary>
public interface ICallerNotifier
{
    /// <summary>Leaves <paramref name="note"/> from worker <paramref name="workerId"/> for <paramref name="callerId"/>.</summary>
    void NotifyCaller(string workerId, string callerId, string note);
}
