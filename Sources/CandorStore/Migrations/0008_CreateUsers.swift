import SQLKit

/// Staff who sign in, the clients each may see, and their sessions. Sessions live in the
/// database (not in one process's memory) so every server instance honours them. A session
/// row keys on the SHA-256 of its token: a leaked database backup holds no usable token.
struct CreateUsers: Migration {
    let version = 8
    let name = "CreateUsers"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                created_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("""
            CREATE TABLE user_clients (
                user_id TEXT NOT NULL REFERENCES users(id),
                client_id TEXT NOT NULL REFERENCES clients(id),
                PRIMARY KEY (user_id, client_id)
            )
            """).run()
        try await db.raw("""
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX sessions_user_idx ON sessions (user_id)").run()
    }
}
