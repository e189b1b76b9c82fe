namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>Limits on message text, bound from the <c>Messages</c> section (<c>CAO_MAX_MESSAGE_BYTES</c>).</summary>
public sealed record MessageOptions
{
    public const string Section = "Messages";

    /// <summary>
    /// Largest message in UTF-8 bytes. Larger texts are refused rather than typed: a terminal cannot
    /// be trusted to take megabytes in one paste, and a cut message must never be reported delivered.
    /// </summary>
    public int MaxBytes { get; init; } = 64 * 1024;
}
