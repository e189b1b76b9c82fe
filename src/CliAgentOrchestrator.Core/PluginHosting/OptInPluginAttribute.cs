namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Marks a built-in plugin that stays off until the operator configures it (see
/// <see cref="PluginSettings.IsConfigured"/>): the webhook sink must never post anywhere by default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class OptInPluginAttribute : Attribute;
