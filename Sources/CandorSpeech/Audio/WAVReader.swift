import Foundation

/// Reads RIFF/WAVE files holding 16-bit PCM, the format our recorder writes (spec: 8 or 16 kHz,
/// mono or stereo). Anything else is rejected with a clear error rather than guessed at.
public enum WAVReader {
    /// Sample rates the spec names. Others are refused: the detectors were measured on these.
    public static let supportedRates: Set<Int> = [8000, 16000]

    public static func read(url: URL) throws -> PCMAudio {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AudioError.unreadable(url.lastPathComponent + ": " + ((error as NSError).localizedDescription))
        }
        return try parse(data)
    }

    public static func parse(_ data: Data) throws -> PCMAudio {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, ascii(bytes, 0, 4) == "RIFF", ascii(bytes, 8, 4) == "WAVE" else {
            throw AudioError.notWAV
        }
        var format: (tag: Int, channels: Int, rate: Int, bits: Int)?
        var pcm: ArraySlice<UInt8>?
        var offset = 12
        while offset + 8 <= bytes.count {
            let id = ascii(bytes, offset, 4)
            let size = Int(u32(bytes, offset + 4))
            let body = offset + 8
            // A recorder killed mid-call leaves a too-large size: keep what is there.
            let end = min(bytes.count, body + size)
            if id == "fmt " {
                guard end - body >= 16 else { throw AudioError.unsupportedFormat("short fmt chunk") }
                var tag = Int(u16(bytes, body))
                // WAVE_FORMAT_EXTENSIBLE: the real format is the first 2 bytes of the sub-format GUID.
                if tag == 0xFFFE, end - body >= 26 { tag = Int(u16(bytes, body + 24)) }
                format = (tag, Int(u16(bytes, body + 2)), Int(u32(bytes, body + 4)), Int(u16(bytes, body + 14)))
            } else if id == "data" {
                pcm = bytes[body..<end]
            }
            offset = body + size + (size & 1)  // chunks are word-aligned
        }
        guard let format else { throw AudioError.missingChunk("fmt") }
        guard let pcm else { throw AudioError.missingChunk("data") }
        guard format.tag == 1 else { throw AudioError.unsupportedFormat("format tag \(format.tag) (not PCM)") }
        guard format.bits == 16 else { throw AudioError.unsupportedFormat("\(format.bits)-bit samples") }
        guard format.channels == 1 || format.channels == 2 else {
            throw AudioError.unsupportedFormat("\(format.channels) channels")
        }
        guard supportedRates.contains(format.rate) else {
            throw AudioError.unsupportedFormat("\(format.rate) Hz")
        }
        let n = format.channels
        let frames = pcm.count / (2 * n)
        var channels = Array(repeating: [Float](repeating: 0, count: frames), count: n)
        pcm.withUnsafeBufferPointer { raw in
            for f in 0..<frames {
                for c in 0..<n {
                    let i = (f * n + c) * 2
                    let v = Int16(bitPattern: UInt16(raw[i]) | UInt16(raw[i + 1]) << 8)
                    channels[c][f] = Float(v) / 32768
                }
            }
        }
        return PCMAudio(sampleRate: format.rate, channels: channels)
    }

    /// Writes 16-bit PCM; used by tests and tools to make recordings.
    public static func encode(_ audio: PCMAudio) -> Data {
        let n = audio.channels.count, frames = audio.frameCount
        var out = [UInt8]()
        out.reserveCapacity(44 + frames * n * 2)
        func put32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out += $0 } }
        func put16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { out += $0 } }
        out += Array("RIFF".utf8); put32(36 + frames * n * 2); out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); put32(16); put16(1); put16(n); put32(audio.sampleRate)
        put32(audio.sampleRate * n * 2); put16(n * 2); put16(16)
        out += Array("data".utf8); put32(frames * n * 2)
        for f in 0..<frames {
            for c in 0..<n {
                let v = Int16(max(-32768, min(32767, (audio.channels[c][f] * 32768).rounded())))
                put16(Int(UInt16(bitPattern: v)))
            }
        }
        return Data(out)
    }

    private static func ascii(_ b: [UInt8], _ at: Int, _ len: Int) -> String {
        guard at + len <= b.count else { return "" }
        return String(decoding: b[at..<at + len], as: UTF8.self)
    }
    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
