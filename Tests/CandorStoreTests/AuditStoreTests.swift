import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

@Suite("Audit trail in storage")
struct AuditStoreTests {
    @Test("entries chain; the table refuses updates; a tampered row is found as the first broken link", arguments: TestDatabase.available)
    func tamperDetected(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            for i in 1...5 { try await store.recordAudit(actor: "u\(i)", action: "account.view", subject: "account:a\(i)") }
            #expect(try await store.verifyAuditChain() == (5, nil))
            await #expect(throws: (any Error).self) {
                try await db.sql.raw("UPDATE audit_entries SET actor = 'x' WHERE sequence = 3").run()
            }
            await #expect(throws: (any Error).self) {
                try await db.sql.raw("DELETE FROM audit_entries WHERE sequence = 3").run()
            }
            // Someone with full rights drops the guard and edits a row: the chain shows it.
            switch db.kind {
            case .sqlite: try await db.sql.raw("DROP TRIGGER audit_entries_no_update").run()
            case .postgres: try await db.sql.raw("DROP TRIGGER audit_entries_append_only ON audit_entries").run()
            }
            try await db.sql.raw("UPDATE audit_entries SET actor = 'someone-else' WHERE sequence = 3").run()
            let result = try await store.verifyAuditChain(pageSize: 2)
            #expect(result.broken?.sequence == 3)
            #expect(result.broken?.index == 2)
            if case .hashMismatch = result.broken?.reason {} else { Issue.record("expected a hash mismatch, got \(String(describing: result.broken))") }
        }
    }
}
