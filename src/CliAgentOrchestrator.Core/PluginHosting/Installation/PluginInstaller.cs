namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Installs a plugin into its own folder <c>$CAO_HOME_DIR/plugins/&lt;assembly name&gt;/</c> and removes it
/// again. The plugin is first staged in <c>$CAO_HOME_DIR/tmp/</c> and checked there; only a plugin that
/// passes every check is moved into place, so a failed install leaves the plugins folder as it was.
/// </summary>
/// <param name="homeDirectory">The CAO home (<c>CAO_HOME_DIR</c>).</param>
/// <param name="pluginPath">Extra plugin roots (<c>CAO_PLUGIN_PATH</c>), checked for name clashes.</param>
public sealed class PluginInstaller(string homeDirectory, string? pluginPath = null)
{
    private readonly string _home = Path.GetFullPath(homeDirectory);

    public string PluginsDirectory => Path.Combine(_home, "plugins");

    private IReadOnlyList<string> Roots => PluginDirectories.Resolve(_home, pluginPath);

    /// <summary>The plugins linked with <see cref="LinkAsync"/>.</summary>
    public PluginLinks Links => new(_home);

    private IReadOnlyList<InstalledPlugin> Installed() => InstalledPlugins.List(Roots, PluginSettings.Empty, Links.Read().Select(l => l.Folder));

    /// <summary>
    /// Links a plugin's build output instead of copying it: from a build folder as it is, or from a
    /// project folder or <c>.csproj</c>, built once with <c>dotnet build</c> (Debug) and linked to its output.
    /// The link is kept in <c>$CAO_HOME_DIR/plugin-links.json</c>; <c>cao plugin reload</c> picks up the next build.
    /// </summary>
    /// <exception cref="InstallationException">The source is no plugin, or clashes with an installed one.</exception>
    public async Task<InstallResult> LinkAsync(string source, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(source));
        string folder;
        string? project = null;
        if (Directory.Exists(full) && PluginDiscovery.ReadFolder(full).Count > 0)
        {
            folder = full;
        }
        else
        {
            project = full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && File.Exists(full) ? full
                : Directory.Exists(full) ? Directory.GetFiles(full, "*.csproj") switch
                {
                    [var one] => one,
                    [] => throw new InstallationException($"{source} is no CAO plugin: it holds no .csproj and no assembly declaring [assembly: CaoPlugin(...)]; pass the plugin's project folder or its build output"),
                    var many => throw new InstallationException($"{source} holds {many.Length} projects; pass the plugin's .csproj instead"),
                }
                : throw new InstallationException($"{source} does not exist; pass a plugin project folder, its .csproj or its build output folder");
            progress?.Report($"Building {project}");
            folder = await DotnetBuilder.BuildAsync(project, progress, cancellationToken).ConfigureAwait(false);
        }
        var main = Check(source, folder);
        var entryPoints = PluginDiscovery.ReadFolder(folder).SelectMany(a => a.EntryPoints).ToList();
        foreach (var clash in Installed().Where(p => entryPoints.Contains(p.Name) && !PluginLinks.SameFolder(p.Folder, folder)))
            throw new InstallationException($"A plugin named '{clash.Name}' is already installed in {clash.Folder}; remove it first with `cao plugin uninstall {clash.Name}`");
        var replaced = Links.Find(folder) is not null;
        Links.Add(new PluginLink(folder, project));
        return new InstallResult(folder, main.EntryPoints, replaced);
    }

    /// <summary>
    /// Installs from a project folder, a <c>.csproj</c> (both published with <c>dotnet publish -c Release</c>),
    /// a folder that already holds publish output, or a <c>.nupkg</c>.
    /// </summary>
    /// <param name="source">What to install.</param>
    /// <param name="force">Replace an earlier install of the same plugin folder.</param>
    /// <param name="progress">Receives one line per step and each line of <c>dotnet publish</c> output.</param>
    /// <param name="cancellationToken">Stops the publish.</param>
    /// <exception cref="InstallationException">The source is no installable plugin; the message says what to do.</exception>
    public async Task<InstallResult> InstallAsync(string source, bool force = false, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var staging = Path.Combine(_home, "tmp", "plugin-install-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            if (!force)
                RefuseExistingProjectFolder(Path.GetFullPath(source));
            await StageAsync(Path.GetFullPath(source), staging, progress, cancellationToken).ConfigureAwait(false);
            var main = Check(source, staging);
            var target = Path.Combine(PluginsDirectory, main.Name);
            var replaced = CheckTarget(main, target, force);
            progress?.Report($"Installing into {target}");
            MoveIntoPlace(staging, target, replaced);
            return new InstallResult(target, main.EntryPoints, replaced);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Removes the installed folder that declares entry point <paramref name="name"/>; returns that folder.</summary>
    /// <exception cref="InstallationException">No such plugin, or it lives outside <c>$CAO_HOME_DIR/plugins/</c>.</exception>
    public string Uninstall(string name)
    {
        var installed = Installed().FirstOrDefault(p => p.Name == name)
            ?? throw new InstallationException($"No installed plugin is named '{name}'; `cao plugin list` shows the installed ones");
        if (Links.Remove(installed.Folder))
            return installed.Folder; // a link only: the build output is the user's and stays
        if (!string.Equals(Path.GetDirectoryName(installed.Folder), PluginsDirectory, StringComparison.Ordinal))
            throw new InstallationException($"Plugin '{name}' lives in {installed.Folder}, a CAO_PLUGIN_PATH folder cao does not manage; delete that folder yourself");
        Directory.Delete(installed.Folder, recursive: true);
        return installed.Folder;
    }

    // Saves a long publish when its result could not be installed anyway. The project's folder is
    // named after its assembly unless the project sets AssemblyName; the check after publishing stays.
    private void RefuseExistingProjectFolder(string source)
    {
        var projects = source.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && File.Exists(source) ? [source]
            : Directory.Exists(source) ? Directory.GetFiles(source, "*.csproj") : [];
        if (projects.Length != 1 || File.ReadAllText(projects[0]).Contains("<AssemblyName>", StringComparison.Ordinal))
            return;
        var target = Path.Combine(PluginsDirectory, Path.GetFileNameWithoutExtension(projects[0]));
        if (Directory.Exists(target))
            throw new InstallationException($"{target} already exists; pass --force to replace it");
    }

    private static async Task StageAsync(string source, string staging, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(source) && source.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
        {
            progress?.Report($"Unpacking {source}");
            NupkgExtractor.Extract(source, staging);
        }
        else if (File.Exists(source) && source.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            progress?.Report($"Publishing {source}");
            await DotnetPublisher.PublishAsync(source, staging, progress, cancellationToken).ConfigureAwait(false);
        }
        else if (Directory.Exists(source))
        {
            var projects = Directory.GetFiles(source, "*.csproj");
            if (projects.Length > 1)
                throw new InstallationException($"{source} holds {projects.Length} projects; pass the plugin's .csproj instead");
            if (projects.Length == 1)
            {
                progress?.Report($"Publishing {projects[0]}");
                await DotnetPublisher.PublishAsync(projects[0], staging, progress, cancellationToken).ConfigureAwait(false);
            }
            else if (PluginDiscovery.ReadFolder(source).Count > 0)
            {
                progress?.Report($"Copying {source}");
                CopyDirectory(source, staging);
            }
            else
            {
                var nested = Directory.GetFiles(source, "*.csproj", SearchOption.AllDirectories)
                    .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Take(3).ToList();
                var hint = nested.Count > 0 ? $"; pass the plugin project's folder, e.g. {Path.GetDirectoryName(nested[0])}" : "";
                throw new InstallationException($"{source} is no CAO plugin: it holds no .csproj and no assembly declaring [assembly: CaoPlugin(...)]{hint}");
            }
        }
        else if (File.Exists(source))
        {
            throw new InstallationException($"{source} is neither a .csproj nor a .nupkg; pass a plugin project folder, its .csproj, a publish folder or a .nupkg");
        }
        else
        {
            throw new InstallationException($"{source} does not exist; pass a plugin project folder, its .csproj, a publish folder or a .nupkg");
        }
    }

    // The staged plugin must declare an entry point and be built for an SDK this CAO carries.
    private static PluginAssembly Check(string source, string staging)
    {
        var assemblies = PluginDiscovery.ReadFolder(staging);
        if (assemblies.Count == 0)
            throw new InstallationException($"{source} is no CAO plugin: no assembly declares [assembly: CaoPlugin(\"name\", typeof(YourPlugin))] or [assembly: CaoProvider(\"key\", typeof(YourProvider))]; add one (see skills/cao-plugin/SKILL.md)");
        foreach (var assembly in assemblies)
        {
            if (assembly.SdkVersion is { } built && built.Major > SharedAssemblies.SdkVersion.Major)
                throw new InstallationException($"{Path.GetFileName(assembly.Path)} was built for CAO plugin SDK {built.Major}.x but this CAO carries SDK {SharedAssemblies.SdkVersion.Major}.x; update CAO or rebuild the plugin against SDK {SharedAssemblies.SdkVersion.Major}.x");
        }
        // The project's own assembly is the one published with a .deps.json (the load context reads it).
        var main = assemblies.FirstOrDefault(a => File.Exists(Path.ChangeExtension(a.Path, ".deps.json"))) ?? assemblies[0];
        // Its name becomes the install folder: checked before it is ever combined into a path.
        var problem = PluginNames.Problem($"{Path.GetFileName(main.Path)} declares assembly name", main.Name)
            ?? assemblies.SelectMany(a => a.EntryPoints.Select(e => PluginNames.Problem($"{Path.GetFileName(a.Path)} declares entry point", e))).FirstOrDefault(p => p is not null);
        if (problem is not null)
            throw new InstallationException(problem);
        return main;
    }

    private bool CheckTarget(PluginAssembly main, string target, bool force)
    {
        var entryPoints = PluginDiscovery.ReadFolder(Path.GetDirectoryName(main.Path)!).SelectMany(a => a.EntryPoints).ToList();
        foreach (var clash in Installed().Where(p => entryPoints.Contains(p.Name)))
        {
            if (!string.Equals(clash.Folder, target, StringComparison.Ordinal))
                throw new InstallationException($"A plugin named '{clash.Name}' is already installed in {clash.Folder}; remove it first with `cao plugin uninstall {clash.Name}`");
        }
        if (!Directory.Exists(target))
            return false;
        if (!force)
            throw new InstallationException($"{target} already exists; pass --force to replace it");
        return true;
    }

    private void MoveIntoPlace(string staging, string target, bool replace)
    {
        Directory.CreateDirectory(PluginsDirectory);
        // Moves within one file system are atomic; the old folder is only deleted once the new one is in place.
        var old = replace ? staging + ".old" : null;
        if (old is not null)
            Directory.Move(target, old);
        try
        {
            MoveDirectory(staging, target);
        }
        catch
        {
            if (old is not null)
                Directory.Move(old, target);
            throw;
        }
        if (old is not null)
            Directory.Delete(old, recursive: true);
    }

    private static void MoveDirectory(string source, string target)
    {
        try
        {
            Directory.Move(source, target);
        }
        catch (IOException) when (!Directory.Exists(target))
        {
            // CAO_HOME_DIR/tmp on another file system than the plugins folder: copy instead.
            CopyDirectory(source, target);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
