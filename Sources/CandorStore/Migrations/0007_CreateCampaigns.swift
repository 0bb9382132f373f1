import SQLKit

/// Dialing campaigns, their daily abandon counts (the rolling 30-day ledger survives
/// restarts and is shared by every instance), and the dialer's own record of each dial
/// (which campaign, which agent, whether the limited-content message was played). The
/// Reg F facts of a dial live in `contact_attempts`; `campaign_attempts` points at them.
struct CreateCampaigns: Migration {
    let version = 7
    let name = "CreateCampaigns"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE campaigns (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                client_code TEXT NOT NULL,
                mode TEXT NOT NULL,
                priority TEXT NOT NULL,
                hours_start_minute INTEGER NOT NULL,
                hours_end_minute INTEGER NOT NULL,
                abandon_cap DOUBLE PRECISION NOT NULL,
                max_lines_per_agent DOUBLE PRECISION NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """).run()
        // One row per campaign and UTC day: live answers and abandons (the 30-day ledger).
        try await db.raw("""
            CREATE TABLE campaign_days (
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                day INTEGER NOT NULL,
                live_answers INTEGER NOT NULL,
                abandoned INTEGER NOT NULL,
                PRIMARY KEY (campaign_id, day)
            )
            """).run()
        try await db.raw("""
            CREATE TABLE campaign_attempts (
                id TEXT PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                contact_attempt_id TEXT REFERENCES contact_attempts(id),
                account_id TEXT NOT NULL,
                address TEXT NOT NULL,
                outcome TEXT NOT NULL,
                refusal_reason TEXT,
                limited_content_message BOOLEAN NOT NULL,
                agent_id TEXT,
                placed_at TEXT NOT NULL,
                ended_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX campaign_attempts_campaign_idx ON campaign_attempts (campaign_id, placed_at)").run()
    }
}
