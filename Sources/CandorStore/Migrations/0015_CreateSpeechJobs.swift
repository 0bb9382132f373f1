import SQLKit

/// The analysis queue (one job per recording) and what the analysis found.
///
/// A job is `queued`, `running` (claimed by a worker until `lease_until`), `done` or `failed`
/// (`last_error` says why). A worker that dies leaves its job `running`; once the lease has
/// passed another worker claims it again. `call_analyses` keeps the analysis JSON encrypted
/// (transcripts are personal data, like the audio) beside the figures the quality pages need
/// in the clear: the score, the agent-side codes and the missing disclosures.
struct CreateSpeechJobs: Migration {
    let version = 15
    let name = "CreateSpeechJobs"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE speech_jobs (
                recording_id TEXT PRIMARY KEY REFERENCES recordings(id),
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL,
                not_before TEXT NOT NULL,
                claimed_by TEXT,
                lease_until TEXT,
                last_error TEXT,
                created_at TEXT NOT NULL,
                finished_at TEXT
            )
            """).run()
        try await db.raw("CREATE INDEX speech_jobs_status_idx ON speech_jobs (status, not_before)").run()
        try await db.raw("""
            CREATE TABLE call_analyses (
                recording_id TEXT PRIMARY KEY REFERENCES recordings(id),
                analysed_at TEXT NOT NULL,
                duration_ms BIGINT NOT NULL,
                compliance_score INTEGER NOT NULL,
                agent_codes TEXT NOT NULL,
                consumer_codes TEXT NOT NULL,
                missing TEXT NOT NULL,
                prohibited_count INTEGER NOT NULL,
                analysis_encrypted TEXT NOT NULL
            )
            """).run()
    }
}
