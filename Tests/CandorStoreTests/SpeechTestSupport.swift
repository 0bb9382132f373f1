import CandorCore
import CandorSpeech
import CandorStore
import Crypto
import Foundation
import SQLKit
import Synchronization
import Testing

/// A TRANSCRIPT-LEVEL ENGINE DOUBLE, not the real engine: it reads the WAV for real (so a
/// file that is not a WAV fails as in production) and, instead of hearing it, returns the
/// transcript scripted for that file's SHA-256; the real bundled detector and scorer then
/// analyse that transcript. The real engine runs in `SpeechRealEngineTests` (skipped where
/// the Whisper worker is not installed).
final class TranscriptLevelEngineDouble: RecordingAnalyzer, Sendable {
    private let scripts = Mutex<[String: [(Speaker, String)]]>([:])
    private let failures = Mutex<[any Error]>([])
    let analyzer = SpeechAnalyzer(engine: NoEngine(), detector: try! .bundled())

    /// What the "engine" hears in the file with this content.
    func script(_ wav: URL, _ turns: [(Speaker, String)]) throws {
        let digest = SHA256.hash(data: try Data(contentsOf: wav)).map { String(format: "%02x", $0) }.joined()
        scripts.withLock { $0[digest] = turns }
    }

    /// The next analyses throw these, in order (an engine timing out, crashing).
    func failNext(_ errors: [any Error]) { failures.withLock { $0 += errors } }

    func analyze(wavURL: URL) async throws -> CallAnalysis {
        let audio = try WAVReader.read(url: wavURL)
        if let error = failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw error }
        let digest = SHA256.hash(data: try Data(contentsOf: wavURL)).map { String(format: "%02x", $0) }.joined()
        let turns = scripts.withLock { $0[digest] } ?? []
        let heard = turns.enumerated().map { i, t in HeardTurn(speaker: t.0, start: Double(i) * 4, end: Double(i) * 4 + 3.5, hearings: [t.1]) }
        return analyzer.analyze(transcript: heard, call: wavURL.lastPathComponent, duration: audio.duration, channels: audio.channels.count)
    }

    struct NoEngine: TranscriptionEngine {
        var sampleRate: Int { 16_000 }
        func transcribe(_ samples: [Float]) async throws -> String { throw TranscriptionError.engineUnavailable("transcript-level double") }
        func shutdown() async {}
    }
}

/// A clock a test moves.
final class SpeechClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date) { now = Mutex(start) }
    var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A small stereo WAV whose content (and so hash) depends on `seed`.
func testWAV(seed: Int, seconds: Double = 1) throws -> URL {
    let n = Int(8000 * seconds)
    let left = (0..<n).map { i in Float(sin(Double(i + seed) * 0.05)) * 0.3 }
    let right = (0..<n).map { i in Float(sin(Double(i * (seed % 7 + 1)) * 0.01)) * 0.2 }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("candor-rec-\(UUID().uuidString).wav")
    try WAVReader.encode(PCMAudio(sampleRate: 8000, channels: [left, right])).write(to: url)
    return url
}

func sha256Hex(_ url: URL) throws -> String {
    SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
}

/// A store on `db` with an account, a collector `cora`, a vault in a fresh directory.
struct SpeechFixture {
    let store: SQLStore
    let vault: RecordingVault
    let account: Account.ID
    let consumer: Consumer.ID
    let clock: SpeechClock

    static func make(_ db: CandorDatabase, now: Date = tuesdayAfternoon) async throws -> SpeechFixture {
        let clock = SpeechClock(now)
        let store = SQLStore(database: db, clock: clock.read)
        let (account, consumer) = try await importOne(store, csv: bostonCSV)
        _ = try await store.addUser(username: "cora", displayName: "Cora Collector", passwordHash: "x", role: .collector, clientCodes: ["ACME"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-vault-\(UUID().uuidString)")
        return SpeechFixture(store: store, vault: RecordingVault(directory: dir, cipher: testCipher), account: account,
                             consumer: consumer, clock: clock)
    }

    /// A call by `agent` (8 days ago unless `at`), recorded: its WAV is stored and queued.
    func recordedCall(seed: Int, agent: String = "cora", at: Date? = nil) async throws -> (StoredRecording, URL) {
        let attempt = try await store.recordAttempt(ContactAttemptInput(
            consumerID: consumer, accountIDs: [account], at: at ?? clock.read().addingTimeInterval(-8 * 86_400), channel: .phone,
            outcome: .conversation, address: "+16175550142", source: "agent", recordedBy: agent))
        let wav = try testWAV(seed: seed)
        return (try await store.storeRecording(file: wav, attemptID: attempt, accountID: account, by: agent, vault: vault), wav)
    }

    func worker(_ analyzer: any RecordingAnalyzer, name: String = "w1") -> SpeechWorker {
        SpeechWorker(store: store, vault: vault, cipher: testCipher, analyzer: analyzer, name: name)
    }

    /// The compliance engine's reasons for a manual call to the consumer's phone now.
    func callReasons() async throws -> [String] {
        let now = clock.read()
        let state = try #require(try await store.contactState(account: account, now: now))
        let call = try #require(state.contactability(now: now).first { $0.proposed.channel == .phone })
        return call.decision.reasons.codes
    }

    func count(_ sql: String) async throws -> Int {
        try await store.database.sql.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self)
    }
}

let disclosures: [(Speaker, String)] = [(.agent, "This call is recorded. This is an attempt to collect a debt.")]
