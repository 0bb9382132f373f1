import CandorCore
import CandorSpeech
import Foundation
import Logging

/// What analyses one recording. `SpeechAnalyzer` (Whisper worker + phrase table) in the
/// product; tests may give a transcript-level double.
public protocol RecordingAnalyzer: Sendable {
    func analyze(wavURL: URL) async throws -> CallAnalysis
}

extension SpeechAnalyzer: RecordingAnalyzer {}

/// One job's outcome, as `candor speech work` prints it.
public struct SpeechWorkResult: Sendable, Codable, Equatable {
    public var recording: String
    /// `done`, `retry` (queued again) or `failed`.
    public var status: String
    public var attempt: Int
    public var eventsOpened: [String]
    public var error: String?
}

/// Claims analysis jobs, decrypts and verifies the recording into a private temporary file,
/// runs the analyzer, and stores the analysis and its account events. Errors that another
/// try cannot fix (not a WAV, integrity check failed, recording deleted) fail the job at once;
/// the others (the engine timed out or crashed) are retried up to the job's cap.
public struct SpeechWorker: Sendable {
    public let store: SQLStore
    public let vault: RecordingVault
    public let cipher: FieldCipher
    public let analyzer: any RecordingAnalyzer
    public let name: String
    public let lease: TimeInterval
    let logger = Logger(label: "candor.speech.worker")

    public init(store: SQLStore, vault: RecordingVault, cipher: FieldCipher, analyzer: any RecordingAnalyzer,
                name: String = "worker-\(ProcessInfo.processInfo.processIdentifier)", lease: TimeInterval = 900) {
        self.store = store; self.vault = vault; self.cipher = cipher; self.analyzer = analyzer; self.name = name; self.lease = lease
    }

    /// Processes one due job; nil when none is due.
    public func runOnce() async throws -> SpeechWorkResult? {
        guard let job = try await store.claimSpeechJob(worker: name, lease: lease) else { return nil }
        return try await process(job)
    }

    /// Processes due jobs until none is left (or `limit`).
    public func drain(limit: Int = .max) async throws -> [SpeechWorkResult] {
        var results: [SpeechWorkResult] = []
        while results.count < limit, let r = try await runOnce() { results.append(r) }
        return results
    }

    func process(_ job: ClaimedSpeechJob) async throws -> SpeechWorkResult {
        var meta = Logger.Metadata()
        meta["recording_id"] = .string(job.recordingID)
        meta["attempt"] = .stringConvertible(job.attempt)
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("candor-speech-\(job.recordingID)-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            guard let recording = try await store.recording(id: job.recordingID) else { throw RecordingError.unknownRecording(job.recordingID) }
            try await store.decryptRecording(recording, vault: vault, to: temp)
            // A long call can take longer than the lease: renew it a third of the way through
            // each period, so no other worker takes the job while this one is still at it.
            let (store, name, lease, logger) = (store, name, lease, logger)
            let renewal = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(lease / 3))
                    if Task.isCancelled { break }
                    do {
                        if try await !store.renewSpeechJobLease(job, worker: name, lease: lease) {
                            logger.warning("lease lost: another worker may analyse this recording too",
                                           metadata: ["recording_id": .string(job.recordingID)])
                            break
                        }
                    } catch {
                        logger.warning("lease renewal failed", metadata: ["recording_id": .string(job.recordingID), "error": .string("\(error)")])
                    }
                }
            }
            defer { renewal.cancel() }
            let analysis = try await analyzer.analyze(wavURL: temp)
            let opened = try await store.completeSpeechJob(job, analysis: analysis, cipher: cipher)
            logger.info("recording analysed", metadata: meta.merging(["events_opened": .stringConvertible(opened.count)]) { a, _ in a })
            return SpeechWorkResult(recording: job.recordingID, status: "done", attempt: job.attempt, eventsOpened: opened, error: nil)
        } catch {
            let (why, retryable) = Self.classify(error)
            try await store.finishSpeechJob(job, error: why, retryable: retryable)
            let again = retryable && job.attempt < job.maxAttempts
            logger.warning("recording analysis failed", metadata: meta.merging(["error": .string(why), "retry": .stringConvertible(again)]) { a, _ in a })
            return SpeechWorkResult(recording: job.recordingID, status: again ? "retry" : "failed", attempt: job.attempt,
                                    eventsOpened: [], error: why)
        }
    }

    static func classify(_ error: any Error) -> (String, Bool) {
        switch error {
        case let e as AudioError: return ("the recording is not analysable: \(e.description)", false)
        case let e as RecordingVault.VaultError: return (e.description, false)
        case let e as RecordingError: return (e.description, false)
        case let e as TranscriptionError: return (e.description, true)
        default: return (String(describing: error), true)
        }
    }
}
