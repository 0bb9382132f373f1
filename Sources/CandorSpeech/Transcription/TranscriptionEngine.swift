import Foundation

/// Turns one speech turn into text. Behind a protocol so the analyzer can run on Whisper in
/// production, on a larger model in another deployment, and on a scripted double in tests.
public protocol TranscriptionEngine: Sendable {
    /// The sample rate the engine wants; the analyzer resamples to it.
    var sampleRate: Int { get }
    /// `samples`: mono, `sampleRate` Hz, in [-1, 1]. Returns the recognised text.
    func transcribe(_ samples: [Float]) async throws -> String
    /// Up to `count` readings of the same samples, most likely first (an engine with a beam
    /// search returns its other finished hypotheses); an empty array when nothing was heard.
    func transcribe(_ samples: [Float], alternatives count: Int) async throws -> [String]
    /// Gets ready to hear (a worker loads its model); throws `engineUnavailable` when it cannot.
    func start() async throws
    /// Stops background resources (a worker process). Idempotent.
    func shutdown() async
}

extension TranscriptionEngine {
    /// Engines with nothing to load are always ready.
    public func start() async throws {}

    /// Engines without alternatives give their one reading.
    public func transcribe(_ samples: [Float], alternatives count: Int) async throws -> [String] {
        let text = try await transcribe(samples).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? [] : [text]
    }
}

public enum TranscriptionError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The engine cannot run here (no Python, faster-whisper or model). Not retried.
    case engineUnavailable(String)
    /// One job took longer than the configured timeout; the worker was killed and restarted.
    case timeout(seconds: Double)
    /// The worker died on this job more times than allowed.
    case workerCrashed(attempts: Int)
    /// The engine rejected the job (its message).
    case jobFailed(String)

    public var description: String {
        switch self {
        case .engineUnavailable(let why): "transcription engine unavailable: \(why)"
        case .timeout(let s): "transcription timed out after \(s) s"
        case .workerCrashed(let n): "transcription worker crashed \(n) times on one job"
        case .jobFailed(let why): "transcription failed: \(why)"
        }
    }
}
