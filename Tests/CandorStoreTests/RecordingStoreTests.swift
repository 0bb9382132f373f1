import CandorCore
import CandorSpeech
import CandorStore
import Foundation
import SQLKit
import Testing

@Suite("Call recordings: encrypted storage, integrity, retention, legal hold")
struct RecordingStoreTests {
    @Test("a recording is stored encrypted with the SHA-256 of its plaintext, and reads back byte for byte", arguments: TestDatabase.available)
    func roundTrip(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let (recording, wav) = try await f.recordedCall(seed: 1)
            #expect(recording.sha256 == (try sha256Hex(wav)))
            #expect(recording.byteCount == Int64(try Data(contentsOf: wav).count))
            let onDisk = try Data(contentsOf: f.vault.directory.appendingPathComponent(recording.storagePath))
            #expect(onDisk.prefix(8) == Data("CANDREC1".utf8))
            #expect(onDisk.range(of: Data("RIFF".utf8)) == nil && onDisk.range(of: Data("WAVE".utf8)) == nil, "the audio is not in the clear")
            let back = FileManager.default.temporaryDirectory.appendingPathComponent("candor-back-\(UUID().uuidString).wav")
            defer { try? FileManager.default.removeItem(at: back) }
            try await f.store.decryptRecording(try #require(try await f.store.recording(id: recording.id)), vault: f.vault, to: back)
            #expect(try Data(contentsOf: back) == (try Data(contentsOf: wav)))
            #expect(try await f.store.speechJob(recording: recording.id)?.status == .queued, "a new recording is queued for analysis")
            #expect(recording.deleteAfter == RecordingRetention.deleteAfter(callAt: recording.callAt))
        }
    }

    @Test("a file of several chunks (3.5 MiB) round-trips and keeps memory to one chunk")
    func multiChunk() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let vault = RecordingVault(directory: dir, cipher: testCipher)
        var bytes = [UInt8](repeating: 0, count: 3 * (1 << 20) + 512 * 1024)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("candor-big-\(UUID().uuidString)")
        try Data(bytes).write(to: source)
        defer { try? FileManager.default.removeItem(at: source) }
        let stored = try vault.store(source: source, name: "big", at: tuesdayAfternoon)
        var chunks = 0, largest = 0
        var back = Data()
        try await vault.read(path: stored.path, recording: "big", expectedSHA256: stored.sha256) { chunk in
            chunks += 1; largest = max(largest, chunk.count); back.append(chunk)
        }
        #expect(chunks == 4 && largest == 1 << 20)
        #expect(back == Data(bytes))
    }

    @Test("a tampered file or a changed hash is refused with a clear integrity error, never played", arguments: TestDatabase.available)
    func tampered(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let (recording, _) = try await f.recordedCall(seed: 2)
            let target = FileManager.default.temporaryDirectory.appendingPathComponent("candor-t-\(UUID().uuidString).wav")
            // One flipped bit in the ciphertext: the chunk's tag fails.
            let path = f.vault.directory.appendingPathComponent(recording.storagePath)
            var data = try Data(contentsOf: path)
            data[40] ^= 0x01
            try data.write(to: path)
            await #expect(throws: RecordingVault.VaultError.tampered(recording.storagePath)) {
                try await f.store.decryptRecording(recording, vault: f.vault, to: target)
            }
            #expect(!FileManager.default.fileExists(atPath: target.path), "nothing half-decrypted is left behind")
            // A file that decrypts but is not the one whose hash was recorded.
            let (other, _) = try await f.recordedCall(seed: 3)
            try await db.sql.raw("UPDATE recordings SET sha256 = \(bind: String(repeating: "0", count: 64)) WHERE id = \(bind: other.id)").run()
            let changed = try #require(try await f.store.recording(id: other.id))
            do {
                try await f.store.decryptRecording(changed, vault: f.vault, to: target)
                Issue.record("a hash mismatch was not detected")
            } catch let error as RecordingVault.VaultError {
                guard case .hashMismatch(let id, _, let actual) = error else { Issue.record("\(error)"); return }
                #expect(id == other.id && actual == other.sha256)
                #expect(error.description.contains("fails its integrity check"))
            }
        }
    }

    @Test("purge deletes recordings three years after the call, never sooner and never one on legal hold; --dry-run changes nothing",
          arguments: TestDatabase.available)
    func retention(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let now = f.clock.read()
            let threeYears = RecordingRetention.deleteAfter(callAt: now).timeIntervalSince(now)
            let (due, _) = try await f.recordedCall(seed: 10, at: now.addingTimeInterval(-threeYears - 86_400))
            let (young, _) = try await f.recordedCall(seed: 11, at: now.addingTimeInterval(-threeYears + 86_400))
            let (held, _) = try await f.recordedCall(seed: 12, at: now.addingTimeInterval(-threeYears - 400 * 86_400))
            await #expect(throws: RecordingError.reasonRequired) {
                _ = try await f.store.setLegalHold(recording: held.id, hold: true, reason: " ", by: "carla")
            }
            let hold = try await f.store.setLegalHold(recording: held.id, hold: true, reason: "Smith v. Acme, preservation letter", by: "carla")
            #expect(hold.legalHold && hold.legalHoldBy == "carla" && hold.legalHoldAt == now)

            #expect(try await f.worker(TranscriptLevelEngineDouble()).drain().count == 3)
            #expect(try await f.store.callAnalysis(recording: due.id, cipher: testCipher) != nil)
            let dry = try await f.store.purgeRecordings(vault: f.vault, dryRun: true)
            #expect(dry.deleted == [due.id] && dry.heldBack == [held.id])
            #expect(FileManager.default.fileExists(atPath: f.vault.directory.appendingPathComponent(due.storagePath).path))

            let report = try await f.store.purgeRecordings(vault: f.vault, dryRun: false)
            #expect(report.deleted == [due.id] && report.heldBack == [held.id] && report.failed.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: f.vault.directory.appendingPathComponent(due.storagePath).path))
            #expect(try await f.store.recording(id: due.id)?.deletedAt == now, "the row stays, marked deleted")
            #expect(try await f.store.callAnalysis(recording: due.id, cipher: testCipher) == nil, "the transcript went with the audio")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM call_analyses") == 3, "the score stays for the quality figures")
            await #expect(throws: RecordingError.deleted(due.id)) {
                try await f.store.decryptRecording(try #require(try await f.store.recording(id: due.id)), vault: f.vault,
                                                   to: FileManager.default.temporaryDirectory.appendingPathComponent("candor-gone.wav"))
            }
            for kept in [young, held] {
                #expect(FileManager.default.fileExists(atPath: f.vault.directory.appendingPathComponent(kept.storagePath).path))
            }
            // Lifting the hold makes it due at the next purge.
            _ = try await f.store.setLegalHold(recording: held.id, hold: false, reason: nil, by: "carla")
            #expect(try await f.store.purgeRecordings(vault: f.vault, dryRun: false).deleted == [held.id])
            let actions = try await f.store.auditEntries(subject: "account:\(f.account.rawValue)").map { "\($0.actor) \($0.action)" }
            #expect(actions.contains("carla recording.legal_hold.set") && actions.contains("carla recording.legal_hold.clear"))
            #expect(actions.filter { $0 == "retention recording.purge" }.count == 2)
        }
    }

    @Test("a recording must belong to its contact attempt's accounts", arguments: TestDatabase.available)
    func attemptAndAccount(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let wav = try testWAV(seed: 4)
            await #expect(throws: RecordingError.unknownAttempt("nope")) {
                try await f.store.storeRecording(file: wav, attemptID: "nope", accountID: f.account, by: "cora", vault: f.vault)
            }
        }
    }
}
