import CandorCore
import CandorSpeech
@testable import CandorStore
import Foundation
import SQLKit
import Testing

/// Who stored a recording and who set its legal hold: stored as the user ID (like dispositions,
/// payments, reviews and the audit trail), shown as the username; migration 0020 rewrites rows
/// stored by username; `candor recordings add --by NAME` resolves the username to the ID.
@Suite("Recording uploads and legal holds are stored by user ID and shown by username")
struct RecordingActorTests {
    @Test("an upload and a legal hold store the user's ID; the recording shows the usernames and the IDs; the audit lines carry the ID",
          arguments: TestDatabase.available)
    func storedByUserID(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let cora = try #require(try await f.store.credentials(username: "cora")).user
            let carla = try await f.store.addUser(username: "carla", displayName: "Carla Compliance", passwordHash: "x",
                                                  role: .compliance, clientCodes: ["ACME"])
            let (stored, _) = try await f.recordedCall(seed: 60, agent: cora.id)
            #expect(stored.createdBy == "cora" && stored.createdByID == cora.id)
            #expect(stored.legalHoldBy == nil && stored.legalHoldByID == nil, "no hold decision yet")
            #expect(try await column(db, "created_by", stored.id) == cora.id, "the column holds the user ID")

            let held = try await f.store.setLegalHold(recording: stored.id, hold: true, reason: "Smith v. Acme", by: carla.id)
            #expect(held.legalHoldBy == "carla" && held.legalHoldByID == carla.id)
            #expect(try await column(db, "legal_hold_by", stored.id) == carla.id)
            let read = try #require(try await f.store.recording(id: stored.id))
            #expect(read.legalHoldBy == "carla" && read.legalHoldByID == carla.id && read.createdBy == "cora" && read.createdByID == cora.id)

            let audit = try await f.store.auditEntries(subject: "account:\(f.account.rawValue)")
            #expect(audit.filter { $0.action == "recording.store" }.map(\.actor) == [cora.id])
            #expect(audit.filter { $0.action == "recording.legal_hold.set" }.map(\.actor) == [carla.id])

            // A system actor (the CLI without --by) names no user: shown as stored, with no ID.
            let (system, _) = try await f.recordedCall(seed: 61, agent: "cli")
            #expect(system.createdBy == "cli" && system.createdByID == nil)
            // Retention lists recordings through the same select.
            f.clock.advance(4 * 365 * 86_400)
            let report = try await f.store.purgeRecordings(vault: f.vault, dryRun: true)
            #expect(report.heldBack == [stored.id] && report.deleted == [system.id])
        }
    }

    @Test("migration 0020 rewrites recordings stored and held by username to the user's ID; an ID, a system actor or a name no user has stays as it is",
          arguments: TestDatabase.available)
    func migrationRewritesUsernames(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let cora = try #require(try await f.store.credentials(username: "cora")).user
            let carla = try await f.store.addUser(username: "carla", displayName: "Carla Compliance", passwordHash: "x",
                                                  role: .compliance, clientCodes: ["ACME"])
            // As the server and the CLI recorded them before: usernames.
            let (old, _) = try await f.recordedCall(seed: 62, agent: "cora")
            _ = try await f.store.setLegalHold(recording: old.id, hold: true, reason: "subpoena", by: "carla")
            let (ghost, _) = try await f.recordedCall(seed: 63, agent: "ghost")
            _ = try await f.store.setLegalHold(recording: ghost.id, hold: true, reason: "subpoena", by: "ghost")
            let (system, _) = try await f.recordedCall(seed: 64, agent: "cli")
            let (new, _) = try await f.recordedCall(seed: 65, agent: cora.id)
            _ = try await f.store.setLegalHold(recording: new.id, hold: true, reason: "subpoena", by: carla.id)
            let before = try #require(try await f.store.recording(id: old.id))
            #expect(before.createdBy == "cora" && before.createdByID == nil && before.legalHoldBy == "carla" && before.legalHoldByID == nil,
                    "an old row reads as stored until migrated")

            let migration = RewriteRecordingActorsAsUserIDs()
            #expect(migration.version == 20 && Migrations.all.contains { $0.version == 20 })
            try await migration.up(db.sql, kind: db.kind)
            try await migration.up(db.sql, kind: db.kind)  // a second run changes nothing

            for (id, created, held) in [(old.id, cora.id, carla.id), (ghost.id, "ghost", "ghost"), (system.id, "cli", nil),
                                        (new.id, cora.id, carla.id)] as [(String, String, String?)] {
                #expect(try await column(db, "created_by", id) == created)
                #expect(try await column(db, "legal_hold_by", id) == held)
            }
            let migrated = try #require(try await f.store.recording(id: old.id))
            #expect(migrated.createdBy == "cora" && migrated.createdByID == cora.id
                    && migrated.legalHoldBy == "carla" && migrated.legalHoldByID == carla.id)
            let unknown = try #require(try await f.store.recording(id: ghost.id))
            #expect(unknown.createdBy == "ghost" && unknown.createdByID == nil && unknown.legalHoldBy == "ghost" && unknown.legalHoldByID == nil,
                    "a name no user has is shown as stored, with no ID")
        }
    }

    @Test("a username resolves to the user's ID for --by; a name no user has resolves to nothing", arguments: TestDatabase.available)
    func resolvesUsernames(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let cora = try #require(try await f.store.credentials(username: "cora")).user
            #expect(try await f.store.userID(username: "cora") == cora.id)
            #expect(try await f.store.userID(username: "ghost") == nil)
        }
    }

    @Test("`candor recordings add --by` names a user: an unknown one is a clear error naming --by and stores nothing; a known one is stored by ID, shown by username")
    func cliResolvesBy() async throws {
        let candor = try #require(Self.candorBinary(), "build the candor executable first: swift build --build-tests")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.sqlite").path
        let db = try await CandorDatabase.open(.sqlite(path: path))
        let (attempt, account, coraID): (String, String, String)
        do {
            try await db.migrate()
            let f = try await SpeechFixture.make(db)
            coraID = try #require(try await f.store.credentials(username: "cora")).user.id
            attempt = try await f.store.recordAttempt(ContactAttemptInput(
                consumerID: f.consumer, accountIDs: [f.account], at: tuesdayAfternoon.addingTimeInterval(-86_400), channel: .phone,
                outcome: .conversation, address: "+16175550142", source: "agent", recordedBy: coraID))
            account = f.account.rawValue
            await db.shutdown()
        } catch { await db.shutdown(); throw error }
        let wav = try testWAV(seed: 66)
        defer { try? FileManager.default.removeItem(at: wav) }
        let add = ["recordings", "add", wav.path, "--attempt", attempt, "--account", account, "--database", "sqlite://\(path)"]

        let refused = try Self.run(candor, add + ["--by", "ghost"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--by ghost: no user has that username"), "stderr: \(refused.stderr)")
        #expect(refused.stdout.isEmpty)

        let stored = try Self.run(candor, add + ["--by", "cora"])
        try #require(stored.status == 0, "stderr: \(stored.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [String: Any])
        #expect(out["created_by"] as? String == "cora" && out["created_by_id"] as? String == coraID)
        #expect(out["id"] is String && out["sha256"] is String && out["delete_after"] is String, "the fields the output always had")

        let check = try await CandorDatabase.open(.sqlite(path: path))
        let rows = try await check.sql.raw("SELECT created_by FROM recordings").all().map { try $0.decode(column: "created_by", as: String.self) }
        await check.shutdown()
        #expect(rows == [coraID], "the refused call stored nothing; the other stored the user ID")
    }

    func column(_ db: CandorDatabase, _ name: String, _ recording: String) async throws -> String? {
        try await db.sql.raw("SELECT \(unsafeRaw: name) FROM recordings WHERE id = \(bind: recording)").first()?
            .decode(column: name, as: String?.self)
    }

    /// The `candor` executable `swift build --build-tests` put beside this test bundle.
    static func candorBinary() -> URL? {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("candor")) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("candor"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/candor"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
