import CandorCore
import Foundation
import SQLKit

/// Appending to and reading the audit trail (`audit_entries`, the core `AuditChain`).
extension SQLStore {
    /// Appends one entry inside the caller's transaction, so a change and its audit line
    /// commit together or not at all.
    ///
    /// The chain needs one writer at a time (each entry hashes the one before it). SQLite's
    /// `BEGIN IMMEDIATE` already gives that; PostgreSQL takes a transaction-level advisory
    /// lock. Lock order is always account row → audit lock, never the reverse, so no deadlock.
    @discardableResult
    static func appendAudit(_ db: any SQLDatabase, kind: CandorDatabase.Kind, at date: Date, actor: String,
                            action: String, subject: String, details: [String: String] = [:]) async throws -> AuditEntry {
        if kind == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7419002)").run() }
        let last = try await db.raw("SELECT * FROM audit_entries ORDER BY sequence DESC LIMIT 1").first().map(auditEntry(from:))
        let entry = AuditChain.entry(after: last, at: date, actor: actor, action: action, subject: subject,
                                     details: auditDetails(details))
        try await db.raw("""
            INSERT INTO audit_entries (sequence, at_ms, actor, action, subject, details, previous_hash, hash)
            VALUES (\(bind: entry.sequence), \(bind: entry.atMilliseconds), \(bind: entry.actor), \(bind: entry.action),
                    \(bind: entry.subject), \(bind: entry.details), \(bind: entry.previousHash), \(bind: entry.hash))
            """).run()
        return entry
    }

    /// Records an event that changes nothing else (a sign-in, a view of an account).
    @discardableResult
    public func recordAudit(actor: String, action: String, subject: String, details: [String: String] = [:]) async throws -> AuditEntry {
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: action, subject: subject, details: details)
        }
    }

    /// Details as a JSON object with sorted keys: the same dictionary always gives the same bytes.
    static func auditDetails(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(details)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// One account's newest `limit` entries (`account:<id>`), oldest first.
    public func auditEntries(subject: String, limit: Int = 1000) async throws -> [AuditEntry] {
        try await sql.raw("""
            SELECT * FROM audit_entries WHERE subject = \(bind: subject) ORDER BY sequence DESC LIMIT \(unsafeRaw: String(max(1, limit)))
            """).all().map(Self.auditEntry(from:)).reversed()
    }

    /// Walks the whole chain in pages and returns the first broken link, or nil when it
    /// holds, with the number of entries checked.
    public func verifyAuditChain(pageSize: Int = 5000) async throws -> (checked: Int, broken: AuditBreak?) {
        var anchor: AuditEntry?
        var checked = 0
        var after: Int64 = 0
        while true {
            let page = try await sql.raw("""
                SELECT * FROM audit_entries WHERE sequence > \(bind: after) ORDER BY sequence LIMIT \(unsafeRaw: String(pageSize))
                """).all().map(Self.auditEntry(from:))
            if page.isEmpty { return (checked, nil) }
            if var broken = AuditChain.verify(page, after: anchor) {
                broken.index += checked // position in the whole chain, not the page
                return (broken.index, broken)
            }
            checked += page.count
            anchor = page.last
            after = page.last!.sequence
        }
    }

    static func auditEntry(from row: any SQLRow) throws -> AuditEntry {
        AuditEntry(sequence: try row.decode(column: "sequence", as: Int64.self),
                   atMilliseconds: try row.decode(column: "at_ms", as: Int64.self),
                   actor: try row.decode(column: "actor", as: String.self),
                   action: try row.decode(column: "action", as: String.self),
                   subject: try row.decode(column: "subject", as: String.self),
                   details: try row.decode(column: "details", as: String.self),
                   previousHash: try row.decode(column: "previous_hash", as: String.self),
                   hash: try row.decode(column: "hash", as: String.self))
    }
}
