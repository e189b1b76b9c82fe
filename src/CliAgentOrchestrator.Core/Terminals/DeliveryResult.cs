using CliAgentOrchestrator.Core.PluginHosting.PreHooks;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>What <see cref="TerminalService.DeliverAsync"/> typed (with texts as pre-hooks left them) and what pre-hooks refused.</summary>
public sealed record DeliveryResult(IReadOnlyList<MessageOrigin> Delivered, IReadOnlyList<(MessageOrigin Origin, Denial Denial)> Denied);
