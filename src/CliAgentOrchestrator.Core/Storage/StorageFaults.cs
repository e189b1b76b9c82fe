using CliAgentOrchestrator.Core.Errors;
using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>Turns SQLite's error codes into one sentence naming the file and the remedy.</summary>
internal static class StorageFaults
{
    // https://www.sqlite.org/rescode.html (primary codes; extended codes keep them in the low byte)
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static StorageUnavailableException Describe(string path, SqliteException ex) => (ex.SqliteErrorCode & 0xff) switch
    {
        Corrupt or NotADatabase => new($"The database {path} is corrupt ({ex.Message.TrimEnd('.')}); stop the server, move the file away (a new empty one is created at the next start) or restore it from a backup", ex),
        Busy or Locked => new($"The database {path} is locked by another process ({ex.Message.TrimEnd('.')}); stop the other program using it (another cao server on the same CAO_HOME_DIR?) and try again", ex),
        ReadOnly => new($"The database {path} cannot be written ({ex.Message.TrimEnd('.')}); make the file and its folder writable by this user", ex),
        Full => new($"The database {path} cannot grow: the disk is full ({ex.Message.TrimEnd('.')}); free some space", ex),
        IoError or CantOpen => new($"The database {path} cannot be read or written ({ex.Message.TrimEnd('.')}); check that the file and its folder exist and the disk is healthy, then restart the server", ex),
        _ => new($"The database {path} failed ({ex.Message.TrimEnd('.')})", ex),
    };
}
