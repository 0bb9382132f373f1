import CandorCore
import CandorSpeech
@testable import CandorStore
import Foundation
import SQLKit
import Testing

/// Who reviewed an account event: stored as the user ID (like dispositions, payments and the
/// audit trail), shown as the username; migration 0019 rewrites rows stored by username.
@Suite("Account-event reviewers are stored by user ID and shown by username")
struct AccountEventReviewerTests {
    /// The speech fixture and carla, the compliance user who reviews.
    static func fixtureWithReviewer(_ db: CandorDatabase) async throws -> (SpeechFixture, StoredUser) {
        let f = try await SpeechFixture.make(db)
        let carla = try await f.store.addUser(username: "carla", displayName: "Carla Compliance", passwordHash: "x",
                                              role: .compliance, clientCodes: ["ACME"])
        return (f, carla)
    }

    @Test("a confirmed account event stores the reviewer's user ID; the view shows the username and the ID; flag and audit carry the ID",
          arguments: TestDatabase.available)
    func confirmStoresUserID(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (f, carla) = try await Self.fixtureWithReviewer(db)
            let engine = TranscriptLevelEngineDouble()
            let (_, wav) = try await f.recordedCall(seed: 40)
            try engine.script(wav, disclosures + [(.consumer, "Please stop calling me.")])
            _ = try await f.worker(engine).drain()
            let event = try #require(try await f.store.accountEvents(status: .pending, withinClients: nil).first)
            #expect(event.reviewedBy == nil && event.reviewedByID == nil, "nobody reviewed it yet")

            let confirmed = try await f.store.reviewAccountEvent(id: event.id, decision: .confirm, note: "heard it", by: carla.id)
            #expect(confirmed.reviewedBy == "carla" && confirmed.reviewedByID == carla.id)
            #expect(try await reviewedBy(db, event.id) == carla.id, "the column holds the user ID")
            let listed = try #require(try await f.store.accountEvents(status: .confirmed, withinClients: ["ACME"]).first)
            #expect(listed.reviewedBy == "carla" && listed.reviewedByID == carla.id)
            let setBy = try await db.sql.raw("SELECT set_by FROM account_flags WHERE flag = 'cease' AND cleared_at IS NULL").all()
                .map { try $0.decode(column: "set_by", as: String.self) }
            #expect(setBy == [carla.id], "the standing flag is the reviewer's, by ID")
            let audit = try await f.store.auditEntries(subject: "account:\(f.account.rawValue)").filter { $0.action == "account_event.confirm" }
            #expect(audit.map(\.actor) == [carla.id], "the audit line's actor is the user ID")
        }
    }

    @Test("migration 0019 rewrites a review stored by username to that user's ID; an ID or a name no user has stays as it is",
          arguments: TestDatabase.available)
    func migrationRewritesUsernames(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (f, carla) = try await Self.fixtureWithReviewer(db)
            let engine = TranscriptLevelEngineDouble()
            let (_, first) = try await f.recordedCall(seed: 41)
            try engine.script(first, disclosures + [(.consumer, "Stop calling me."), (.consumer, "Do not call me at work.")])
            let (_, second) = try await f.recordedCall(seed: 42)
            try engine.script(second, disclosures + [(.consumer, "Please stop calling me.")])
            _ = try await f.worker(engine).drain()
            let events = try await f.store.accountEvents(status: .pending, withinClients: nil).map(\.id)
            try #require(events.count == 3)
            let (oldRow, ghostRow, newRow) = (events[0], events[1], events[2])
            // As the server recorded reviews before: the username. And one whose reviewer is no user.
            _ = try await f.store.reviewAccountEvent(id: oldRow, decision: .dismiss, note: nil, by: "carla")
            _ = try await f.store.reviewAccountEvent(id: ghostRow, decision: .dismiss, note: nil, by: "ghost")
            _ = try await f.store.reviewAccountEvent(id: newRow, decision: .confirm, note: nil, by: carla.id)
            let before = try #require(try await f.store.accountEvent(id: oldRow))
            #expect(before.reviewedBy == "carla" && before.reviewedByID == nil, "an old row reads as stored until migrated")

            let migration = RewriteAccountEventReviewersAsUserIDs()
            #expect(migration.version == 19 && Migrations.all.contains { $0.version == 19 })
            try await migration.up(db.sql, kind: db.kind)
            try await migration.up(db.sql, kind: db.kind)  // a second run changes nothing

            #expect(try await reviewedBy(db, oldRow) == carla.id)
            #expect(try await reviewedBy(db, ghostRow) == "ghost")
            #expect(try await reviewedBy(db, newRow) == carla.id)
            let old = try #require(try await f.store.accountEvent(id: oldRow))
            #expect(old.reviewedBy == "carla" && old.reviewedByID == carla.id)
            let ghost = try #require(try await f.store.accountEvent(id: ghostRow))
            #expect(ghost.reviewedBy == "ghost" && ghost.reviewedByID == nil, "a name no user has is shown as stored, with no ID")
        }
    }

    func reviewedBy(_ db: CandorDatabase, _ event: String) async throws -> String? {
        try await db.sql.raw("SELECT reviewed_by FROM account_events WHERE id = \(bind: event)").first()?
            .decode(column: "reviewed_by", as: String?.self)
    }
}
