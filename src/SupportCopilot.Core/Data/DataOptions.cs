using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Data;

public sealed class StorageOptions
{
    public const string Section = "Storage";
    /// <summary>Folder for the SQLite file, demo credentials and the mail pickup folder; relative paths are under the content root.</summary>
    [Required] public string DataDirectory { get; set; } = "data";
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    [Required, AllowedValues(DatabaseProviders.Sqlite, DatabaseProviders.SqlServer)]
    public string Provider { get; set; } = DatabaseProviders.Sqlite;
    /// <summary>Optional for SQLite (defaults to a file in the data folder); required for SQL Server.</summary>
    public string? ConnectionString { get; set; }
    public bool MigrateOnStart { get; set; } = true;
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
}

/// <summary>The resolved absolute data folder, so every feature agrees on where files live.</summary>
public sealed record StoragePaths(string DataDirectory)
{
    public string File(string name) => Path.Combine(DataDirectory, name);
}
