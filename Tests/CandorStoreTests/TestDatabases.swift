import CandorStore
import Foundation
import Testing

/// The databases storage tests run on: SQLite always; PostgreSQL when
/// `CANDOR_TEST_POSTGRES_URL` names a server (`.ci/run` starts one). Each test gets a fresh
/// database: a temporary SQLite file, or a new PostgreSQL database dropped afterwards.
enum TestDatabase: String, CustomTestStringConvertible, Sendable, CaseIterable {
    case sqlite, postgres

    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["CANDOR_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    /// The kinds configured here; PostgreSQL appears only when its URL is set.
    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// Runs `body` against a fresh, migrated database of this kind, then removes it.
    func with<R>(_ body: (CandorDatabase) async throws -> R) async throws -> R {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let db = try await CandorDatabase.open(.sqlite(path: dir.appendingPathComponent("t.sqlite").path))
            do {
                try await db.migrate()
                let result = try await body(db)
                await db.shutdown()
                return result
            } catch {
                await db.shutdown()
                throw error
            }
        case .postgres:
            guard let admin = Self.postgresURL else { throw TestSetupError.noPostgres }
            let name = "candor_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            // Swift Testing runs every test at once: without a bound, dozens of pools exhaust the
            // server's max_connections (100 by default) and a test fails to connect.
            await PostgresTestSlots.shared.acquire()
            let adminDB: CandorDatabase
            do { adminDB = try await CandorDatabase.open(.postgres(url: admin), maxPostgresConnections: 1) } catch {
                await PostgresTestSlots.shared.release()
                throw error
            }
            let db: CandorDatabase
            do {
                try await adminDB.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
                db = try await CandorDatabase.open(.postgres(url: Self.replacingDatabase(in: admin, with: name)), maxPostgresConnections: 2)
            } catch {
                try? await adminDB.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                await adminDB.shutdown()
                await PostgresTestSlots.shared.release()
                throw error
            }
            func cleanup() async {
                await db.shutdown()
                try? await adminDB.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                await adminDB.shutdown()
                await PostgresTestSlots.shared.release()
            }
            do {
                try await db.migrate()
                let result = try await body(db)
                await cleanup()
                return result
            } catch {
                await cleanup()
                throw error
            }
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}

enum TestSetupError: Error { case noPostgres }

/// At most `limit` PostgreSQL test databases open at once (each holds up to 1 + 2 per event
/// loop connections), leaving room on a shared server for other clients.
actor PostgresTestSlots {
    static let shared = PostgresTestSlots(limit: 6)
    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if inUse < limit { inUse += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        // Hand the slot straight to the next waiter, or free it.
        if waiting.isEmpty { inUse -= 1 } else { waiting.removeFirst().resume() }
    }
}

@Suite("PostgreSQL availability")
struct PostgresAvailability {
    @Test("storage tests also run on PostgreSQL (set CANDOR_TEST_POSTGRES_URL; .ci/run does)",
          .enabled(if: TestDatabase.postgresURL != nil, "CANDOR_TEST_POSTGRES_URL is not set: storage tests ran on SQLite only"))
    func postgresConfigured() async throws {
        try await TestDatabase.postgres.with { db in
            #expect(db.kind == .postgres)
        }
    }
}
