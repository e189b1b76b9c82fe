namespace CliAgentOrchestrator.Core.PluginHosting;

internal sealed partial class PluginMailbox
{
    /// <summary>
    /// The live reader's place: the event it delivers, the next hook, and which hook call is running
    /// its synchronous part (for the watchdog). One per reader thread, reused from event to event, so
    /// an ordinary delivery allocates nothing: at 10k events/s the objects made per event brought a
    /// garbage collection every second or so, and the reader stood still for milliseconds each time.
    /// When the watchdog abandons a call, the cursor passes to the replacement reader, which carries
    /// on from the next hook; the abandoned thread never writes to it again.
    /// </summary>
    private sealed class Cursor
    {
        private long _lastTicket; // written by the live reader only
        private long _runningTicket; // the call running its synchronous part; 0 = none

        public Delivery Delivery { get; private set; }
        public HookInvoker[] Hooks { get; private set; } = [];
        public int NextHook { get; set; }
        /// <summary>Collected only for a <c>cao plugin test</c> event; null otherwise.</summary>
        public List<HookOutcome>? Outcomes { get; private set; }
        /// <summary>The cancellation of a hook abandoned by the watchdog, which the next reader lets finish first.</summary>
        public Task? Cancelling { get; set; }
        /// <summary>When the running call started (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
        public long CallStarted { get; private set; }

        public void Begin(Delivery delivery, HookInvoker[] hooks)
        {
            Delivery = delivery;
            Hooks = hooks;
            NextHook = 0;
            Outcomes = delivery.Trial is null ? null : [];
        }

        // Between events: a reloaded plugin's hooks (and its load context) must not stay reachable
        // from a reader waiting for the next event.
        public void Clear()
        {
            Delivery = default;
            Hooks = [];
            Outcomes = null;
        }

        /// <summary>Marks a call's synchronous part as running; returns its ticket.</summary>
        public long BeginCall(long started)
        {
            CallStarted = started;
            var ticket = ++_lastTicket;
            Volatile.Write(ref _runningTicket, ticket); // publishes the fields above to the watchdog
            return ticket;
        }

        /// <summary>The running call's ticket, or 0.</summary>
        public long RunningTicket => Volatile.Read(ref _runningTicket);

        /// <summary>
        /// Ends call <paramref name="ticket"/>: true for the first of the reader (its call returned) and
        /// the watchdog (it gives up on the call) to ask; tickets never repeat, so a stale ask fails.
        /// </summary>
        public bool TryEndCall(long ticket) => Interlocked.CompareExchange(ref _runningTicket, 0, ticket) == ticket;
    }
}
