import Foundation

/// Decoded audio: one array of samples in [-1, 1] per channel.
/// Recorder convention of this product: channel 0 (left) = collector, channel 1 (right) = consumer.
public struct PCMAudio: Sendable, Equatable {
    public var sampleRate: Int
    public var channels: [[Float]]

    public init(sampleRate: Int, channels: [[Float]]) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    public var frameCount: Int { channels.first?.count ?? 0 }
    public var duration: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }
}

/// Why a file could not be read as a recording. The message is safe to show to a user.
public enum AudioError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(String)
    case notWAV
    case unsupportedFormat(String)
    case missingChunk(String)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read file: \(why)"
        case .notWAV: "not a WAV file (no RIFF/WAVE header)"
        case .unsupportedFormat(let what): "unsupported WAV format: \(what); expected PCM 16-bit, 8 or 16 kHz, mono or stereo"
        case .missingChunk(let name): "malformed WAV: no \(name) chunk"
        }
    }
}
