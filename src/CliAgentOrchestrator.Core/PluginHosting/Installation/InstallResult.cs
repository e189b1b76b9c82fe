namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>Where a plugin was installed and which entry points it brought.</summary>
/// <param name="Folder">Its folder under <c>$CAO_HOME_DIR/plugins/</c>.</param>
/// <param name="EntryPoints">The plugin names it declares.</param>
/// <param name="Replaced">True when <c>--force</c> replaced an earlier install of the same folder.</param>
public sealed record InstallResult(string Folder, IReadOnlyList<string> EntryPoints, bool Replaced);
