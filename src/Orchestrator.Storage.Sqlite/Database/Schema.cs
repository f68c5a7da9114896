namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// The schema, as forward migrations. A released migration is never edited: a change is a new migration with the next
/// version, applied at start in the same transaction as every other pending one (see docs/backends.md#schema-and-migrations).
/// </summary>
internal static class Schema
{
    /// <summary>Marks the file as an Orchestrator store (<c>PRAGMA application_id</c>, "ORCH").</summary>
    public const int ApplicationId = 0x4F524348;

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, """
            CREATE TABLE meta (
                key TEXT NOT NULL PRIMARY KEY,
                value TEXT
            ) WITHOUT ROWID;

            -- One row per orchestration instance: its current execution, status and lock.
            CREATE TABLE instances (
                instance_id TEXT NOT NULL PRIMARY KEY,
                execution_id TEXT NOT NULL,
                name TEXT NOT NULL,
                version TEXT,
                status INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                completed_at INTEGER,
                scheduled_start_at INTEGER,
                parent TEXT,
                tags TEXT,
                input TEXT,
                input_payload INTEGER,
                output TEXT,
                output_payload INTEGER,
                custom_status TEXT,
                custom_status_payload INTEGER,
                failure TEXT,
                lock_token TEXT,
                lock_expires_at INTEGER,
                abandon_count INTEGER NOT NULL DEFAULT 0,
                history_count INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX instances_by_created ON instances (created_at, instance_id);
            CREATE INDEX instances_by_status ON instances (status, created_at);

            -- Messages to orchestrations (new events): starts, activity results, timers (visible_at in the future), events.
            CREATE TABLE messages (
                seq INTEGER PRIMARY KEY,
                instance_id TEXT NOT NULL,
                execution_id TEXT,
                event_type INTEGER NOT NULL,
                visible_at INTEGER NOT NULL,
                data TEXT,
                payload_id INTEGER
            );
            CREATE INDEX messages_by_visible ON messages (visible_at);
            CREATE INDEX messages_by_instance ON messages (instance_id, visible_at);

            -- Activity work (new tasks); available_at is when it may be locked next (now, or the lock's expiry).
            CREATE TABLE tasks (
                seq INTEGER PRIMARY KEY,
                instance_id TEXT NOT NULL,
                execution_id TEXT,
                data TEXT,
                payload_id INTEGER,
                available_at INTEGER NOT NULL,
                lock_token TEXT,
                lock_expires_at INTEGER,
                dequeue_count INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX tasks_by_available ON tasks (available_at);
            CREATE INDEX tasks_by_instance ON tasks (instance_id);

            -- The history of each instance's current execution.
            CREATE TABLE history (
                instance_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                execution_id TEXT NOT NULL,
                event_type INTEGER NOT NULL,
                data TEXT,
                payload_id INTEGER,
                PRIMARY KEY (instance_id, seq)
            ) WITHOUT ROWID;

            -- Large texts, kept out of the rows above; each belongs to exactly one row and goes with it.
            CREATE TABLE payloads (
                payload_id INTEGER PRIMARY KEY,
                instance_id TEXT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX payloads_by_instance ON payloads (instance_id);

            CREATE TRIGGER messages_drop_payload AFTER DELETE ON messages WHEN old.payload_id IS NOT NULL
            BEGIN DELETE FROM payloads WHERE payload_id = old.payload_id; END;
            CREATE TRIGGER tasks_drop_payload AFTER DELETE ON tasks WHEN old.payload_id IS NOT NULL
            BEGIN DELETE FROM payloads WHERE payload_id = old.payload_id; END;
            CREATE TRIGGER history_drop_payload AFTER DELETE ON history WHEN old.payload_id IS NOT NULL
            BEGIN DELETE FROM payloads WHERE payload_id = old.payload_id; END;
            CREATE TRIGGER instances_drop_payloads AFTER DELETE ON instances
            BEGIN DELETE FROM payloads WHERE payload_id IN (old.input_payload, old.output_payload, old.custom_status_payload); END;
            CREATE TRIGGER instances_replace_input AFTER UPDATE OF input_payload ON instances
            WHEN old.input_payload IS NOT NULL AND old.input_payload IS NOT new.input_payload
            BEGIN DELETE FROM payloads WHERE payload_id = old.input_payload; END;
            CREATE TRIGGER instances_replace_output AFTER UPDATE OF output_payload ON instances
            WHEN old.output_payload IS NOT NULL AND old.output_payload IS NOT new.output_payload
            BEGIN DELETE FROM payloads WHERE payload_id = old.output_payload; END;
            CREATE TRIGGER instances_replace_custom_status AFTER UPDATE OF custom_status_payload ON instances
            WHEN old.custom_status_payload IS NOT NULL AND old.custom_status_payload IS NOT new.custom_status_payload
            BEGIN DELETE FROM payloads WHERE payload_id = old.custom_status_payload; END;
            """),
    ];
}
