namespace CliAgentOrchestrator.Plugins;

/// <summary>The event-type strings accepted by <see cref="HookAttribute"/>.</summary>
public static class EventTypes
{
    /// <summary>A message was delivered to a terminal (<see cref="PostSendMessageEvent"/>).</summary>
    public const string PostSendMessage = "post_send_message";

    /// <summary>A session was created (<see cref="PostCreateSessionEvent"/>).</summary>
    public const string PostCreateSession = "post_create_session";

    /// <summary>A session was killed (<see cref="PostKillSessionEvent"/>).</summary>
    public const string PostKillSession = "post_kill_session";

    /// <summary>A terminal was created (<see cref="PostCreateTerminalEvent"/>).</summary>
    public const string PostCreateTerminal = "post_create_terminal";

    /// <summary>A terminal was killed (<see cref="PostKillTerminalEvent"/>).</summary>
    public const string PostKillTerminal = "post_kill_terminal";

    /// <summary>A plugin refused a message (<see cref="PostSendMessageDeniedEvent"/>); observers audit refusals with it.</summary>
    public const string PostSendMessageDenied = "post_send_message_denied";

    /// <summary>A terminal's status changed (<see cref="PostTerminalStatusChangeEvent"/>): an agent started working, finished, errored or waits for an answer.</summary>
    public const string PostTerminalStatusChange = "post_terminal_status_change";

    /// <summary>A message was stored in a terminal's inbox to be delivered when the receiver is ready (<see cref="PostQueueMessageEvent"/>).</summary>
    public const string PostQueueMessage = "post_queue_message";

    /// <summary>A queued message will never be delivered (<see cref="PostFailMessageEvent"/>), with the reason.</summary>
    public const string PostFailMessage = "post_fail_message";

    /// <summary>A message is about to be delivered (<see cref="PreSendMessageEvent"/>); for <see cref="PreHookAttribute"/> only.</summary>
    public const string PreSendMessage = "pre_send_message";

    /// <summary>A terminal is about to be created (<see cref="PreCreateTerminalEvent"/>); for <see cref="PreHookAttribute"/> only.</summary>
    public const string PreCreateTerminal = "pre_create_terminal";
}
