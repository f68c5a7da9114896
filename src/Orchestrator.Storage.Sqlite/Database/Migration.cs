namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>One step of the schema: the SQL that takes a database from <c>Version - 1</c> to <paramref name="Version"/>.</summary>
internal sealed record Migration(int Version, string Sql);
