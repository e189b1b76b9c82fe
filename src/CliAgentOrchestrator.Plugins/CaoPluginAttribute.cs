namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// The entry point of a plugin assembly: <c>[assembly: CaoPlugin("discord", typeof(DiscordPlugin))]</c>.
/// CAO reads these attributes from the assemblies in an installed plugin's folder. An assembly may
/// declare several entry points.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class CaoPluginAttribute : Attribute
{
    /// <summary>Declares the plugin <paramref name="pluginType"/> under <paramref name="name"/>.</summary>
    /// <param name="name">The plugin name shown in logs and tooling, e.g. <c>Loaded CAO plugin: discord</c>.</param>
    /// <param name="pluginType">A public, non-abstract subclass of <see cref="CaoPlugin"/> with a public parameterless constructor.</param>
    public CaoPluginAttribute(string name, Type pluginType)
    {
        Name = name;
        PluginType = pluginType;
    }

    /// <summary>The plugin name shown in logs and tooling.</summary>
    public string Name { get; }

    /// <summary>The plugin class.</summary>
    public Type PluginType { get; }
}
