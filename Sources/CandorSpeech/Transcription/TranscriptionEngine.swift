import Foundation

/// Turns one speech turn into text. Behind a protocol so the analyzer can run on Whisper in
/// production, on a larger model in another deployment, and on a scripted double in tests.
public protocol TranscriptionEngine: Sendable {
    /// The sample rate the engine wants; the analyzer resamples to it.
    var sampleRate: Int { get }
    /// `samples`: mono, `sampleRate` Hz, in [-1, 1]. Returns the recognised text.
    func transcribe(_ samples: [Float]) async throws -> String
    /// Stops background resources (a worker process). Idempotent.
    func shutdown() async
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
