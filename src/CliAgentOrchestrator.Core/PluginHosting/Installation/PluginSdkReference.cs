namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// How a new plugin project gets the SDK: the package at <see cref="PackageVersion"/> from the local
/// feed <see cref="PackageFeed"/> (what users get), or, when <see cref="Path"/> is set, the SDK project
/// of a checkout or a folder holding its dll (work on CAO itself, and fast tests).
/// </summary>
public sealed record PluginSdkReference(string PackageVersion, string? PackageFeed, string? Path)
{
    public static PluginSdkReference Package(string version, string feed) => new(version, feed, null);

    /// <summary>A path reference; <paramref name="version"/> still fills the package version the files name.</summary>
    public static PluginSdkReference AtPath(string path, string version) => new(version, null, path);

    public bool IsPackage => Path is null;
}
