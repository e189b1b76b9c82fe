namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The load context of one plugin folder, and the private copy it loads from when the folder is linked.</summary>
internal sealed record LoadedFolder(PluginFolder Folder, PluginLoadContext Context, string? Shadow)
{
    /// <summary>Starts unloading the context; the runtime frees it once nothing refers to its types any more.</summary>
    public void Unload()
    {
        Context.Unload();
        if (Shadow is null)
            return;
        try
        {
            // Linux keeps mapped files readable after they are deleted; elsewhere a failure only leaves a copy behind.
            Directory.Delete(Shadow, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
