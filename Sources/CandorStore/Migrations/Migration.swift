import CandorCore
import Foundation
import SQLKit

/// One numbered, forward-only schema change. Registered in `Migrations.all`, in order.
public protocol Migration: Sendable {
    var version: Int { get }
    var name: String { get }
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws
}

public enum Migrations {
    /// Every migration, in order. Append only; never edit one that has shipped.
    public static let all: [any Migration] = [
        CreateClients(),
        CreatePlacements(),
        CreateConsumers(),
        CreateAccounts(),
        CreateLedgerEntries(),
        CreateContactLog(),
        CreateCampaigns(),
        CreateUsers(),
        CreatePayments(),
        CreateAuditEntries(),
        CreateCollectionsWork(),
        CreateRecordings(),
        CreateSpeechJobs(),
        CreateAccountEvents(),
        IndexTraceNumbers(),
        CreateBankAuthorizationRevocations(),
        RewriteAccountEventReviewersAsUserIDs(),
        RewriteRecordingActorsAsUserIDs(),
        AllowConsumerRevocations(),
        CreateBankAccountCorrections(),
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }
}

extension CandorDatabase {
    /// Applies the migrations not yet applied, each in its own transaction, and records
    /// them in `schema_migrations`. Safe to run from several instances at once on
    /// PostgreSQL (an advisory lock serializes them). Returns the names applied.
    func applyMigrations() async throws -> [String] {
        try await sql.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """).run()
        let kind = self.kind
        return try await transaction { db in
            if kind == .postgres {
                // Several app instances may start at once: one migrates, the others wait.
                try await db.raw("SELECT pg_advisory_xact_lock(7419001)").run()
            }
            let applied = Set(try await db.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int.self) })
            if let newest = applied.max(), newest > Migrations.latestVersion {
                throw DatabaseError.schemaTooNew(found: newest, known: Migrations.latestVersion)
            }
            var names: [String] = []
            for migration in Migrations.all where !applied.contains(migration.version) {
                try await migration.up(db, kind: kind)
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.format(Date())))").run()
                names.append(migration.name)
            }
            return names
        }
    }

    /// Migrations, then the repair of what an interrupted bulk import may have left undone.
    @discardableResult
    public func migrate() async throws -> [String] {
        let applied = try await applyMigrations()
        try await SearchIndexes.ensure(sql)
        return applied
    }

    public func schemaVersion() async throws -> Int {
        try await sql.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first()!
            .decode(column: "v", as: Int.self)
    }
}

/// Instants are stored as ISO-8601 UTC text (`2026-03-09T14:05:00Z`): sortable, the same on
/// both databases, readable in a shell.
public enum Timestamp {
    /// The compliance engine's own ISO-8601 writer: one format for the whole product.
    public static func format(_ date: Date) -> String { ISO8601Instant.format(date) }

    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` from bytes, without building a String (hot in the eligible-now list).
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == UInt8(ascii: "T"), b[13] == 0x3A, b[16] == 0x3A,
              b[19] == UInt8(ascii: "Z") else { return nil }
        func n(_ i: Int, _ width: Int) -> Int? {
            var v = 0
            for k in i..<(i + width) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        guard let y = n(0, 4), let mo = n(5, 2), let d = n(8, 2), let h = n(11, 2), let mi = n(14, 2), let s = n(17, 2),
              h < 24, mi < 60, s < 61, let day = LocalDate(year: y, month: mo, day: d) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + h * 3600 + mi * 60 + s))
    }
}
