import SQLKit

struct CreatePlacements: Migration {
    let version = 2
    let name = "CreatePlacements"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        // One row per (client, file content): sending the same file again resumes it.
        try await db.raw("""
            CREATE TABLE placements (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES clients(id),
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                status TEXT NOT NULL,
                rows_total BIGINT NOT NULL DEFAULT 0,
                accepted BIGINT NOT NULL DEFAULT 0,
                rejected BIGINT NOT NULL DEFAULT 0,
                duplicates BIGINT NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                completed_at TEXT,
                UNIQUE (client_id, file_sha256)
            )
            """).run()
    }
}
