import CandorCore
import Foundation
import SQLKit

/// Bulk data for benchmarks, generated inside the database.
extension SQLStore {
    public func countAccounts(clientCode: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM accounts a JOIN clients c ON c.id = a.client_id WHERE c.code = \(bind: clientCode)")
            .first()!.decode(column: "n", as: Int.self)
    }

    public func countContactHistory() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM contact_attempt_accounts").first()!.decode(column: "n", as: Int.self)
    }

    /// `perAccount` phone attempts per account (up to `limit` in all) at random instants of the
    /// 60 days before `now`, outcomes mixed as on a real floor (10% conversations). One
    /// transaction; run on a database without benchmark history.
    public func seedBenchmarkHistory(perAccount: Int, limit: Int, now: Date) async throws {
        let epoch = Int(now.timeIntervalSince1970)
        let pg = database.kind == .postgres
        let series = pg ? "generate_series(1, \(perAccount)) AS k(i)" : "k"
        let cte = pg ? "" : "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < \(perAccount)) "
        let rnd = pg ? "floor(random() * 1000000)::bigint" : "abs(random() % 1000000)"
        let atExpr = pg
            ? "to_char(to_timestamp(\(epoch) - (\(rnd) * 5184) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            : "strftime('%Y-%m-%dT%H:%M:%SZ', \(epoch) - (\(rnd) * 5184) / 1000, 'unixepoch')"
        let outcome = "CASE (\(rnd) % 10) WHEN 0 THEN 'conversation' WHEN 1 THEN 'voicemail' WHEN 2 THEN 'busy' WHEN 3 THEN 'not_connected' ELSE 'no_answer' END"
        try await database.transaction { db in
            try await db.raw("""
                \(unsafeRaw: cte)INSERT INTO contact_attempts (id, consumer_id, at, channel, direction, outcome, address, place, source, created_at)
                SELECT a.id || '-h' || k.i, a.consumer_id, \(unsafeRaw: atExpr), 'phone', 'outbound', \(unsafeRaw: outcome), NULL, 'personal', 'bench', '2026-01-01T00:00:00Z'
                FROM accounts a CROSS JOIN \(unsafeRaw: series)
                LIMIT \(unsafeRaw: String(limit))
                """).run()
            // The attempt id starts with the account id (36 characters).
            try await db.raw("""
                INSERT INTO contact_attempt_accounts (account_id, at, attempt_id, channel, direction, outcome, place)
                SELECT substr(c.id, 1, 36), c.at, c.id, c.channel, c.direction, c.outcome, c.place
                FROM contact_attempts c WHERE c.source = 'bench'
                """).run()
        }
    }
}
