import CandorCore
import Crypto
import Foundation

/// Call recordings on disk, encrypted at rest.
///
/// File format (`CANDREC1`): an 8-byte magic, the chunk size (UInt32 BE) and an 8-byte random
/// per-file nonce prefix, then chunks of `[UInt32 BE ciphertext length][ciphertext][16-byte tag]`.
/// Chunk *i* is sealed with AES-256-GCM under nonce `prefix ‖ i` (UInt32 BE) and authenticated
/// data `header ‖ i ‖ final?`, so a chunk cannot be swapped, reordered, or the file cut short
/// without the tag failing. The key is derived (HKDF-SHA256, info `candor recordings v1`) from
/// the field-encryption key, so both uses never share a key. Memory: one chunk (1 MiB) at a
/// time, whatever the recording's length.
public struct RecordingVault: Sendable {
    public let directory: URL
    private let key: SendableKey
    static let magic = Array("CANDREC1".utf8)
    static let chunkSize = 1 << 20

    struct SendableKey: @unchecked Sendable { let key: SymmetricKey } // immutable value

    public enum VaultError: Error, Equatable, Sendable, CustomStringConvertible {
        case unreadableSource(String)
        case missingFile(String)
        case notARecording(String)
        case tampered(String)
        case hashMismatch(recording: String, expected: String, actual: String)
        case writeFailed(String)

        public var description: String {
            switch self {
            case .unreadableSource(let p): return "cannot read the recording file \(p)"
            case .missingFile(let p): return "the recording file \(p) is missing from the recordings directory"
            case .notARecording(let p): return "\(p) is not an encrypted Candor recording"
            case .tampered(let p): return "the recording file \(p) fails its integrity check (altered, truncated or the wrong key)"
            case .hashMismatch(let id, let e, let a):
                return "recording \(id) fails its integrity check: SHA-256 is \(a), \(e) was recorded when it was stored"
            case .writeFailed(let p): return "cannot write the recording file \(p)"
            }
        }
    }

    public init(directory: URL, cipher: FieldCipher) {
        self.directory = directory
        let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: cipher.key, info: Data("candor recordings v1".utf8), outputByteCount: 32)
        key = SendableKey(key: derived)
    }

    /// Where recordings go unless configured: `recordings/` beside the SQLite file, else `./recordings`.
    public static func defaultDirectory(for location: DatabaseLocation) -> URL {
        if case .sqlite(let path) = location {
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("recordings")
        }
        return URL(fileURLWithPath: "recordings")
    }

    public struct Stored: Sendable, Equatable {
        /// Relative to `directory`.
        public var path: String
        /// SHA-256 of the plaintext, lowercase hex.
        public var sha256: String
        public var byteCount: Int64
    }

    /// Encrypts `source` into `<directory>/<yyyy>/<mm>/<name>.rec` (mode 0600), chunk by chunk.
    public func store(source: URL, name: String, at date: Date) throws -> Stored {
        guard let input = FileHandle(forReadingAtPath: source.path) else { throw VaultError.unreadableSource(source.path) }
        defer { try? input.close() }
        let day = ISO8601Instant.format(date)
        let relative = "\(day.prefix(4))/\(day.dropFirst(5).prefix(2))/\(name).rec"
        let target = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let partial = target.path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: partial) else { throw VaultError.writeFailed(partial) }
        var completed = false
        defer {
            try? output.close()
            if !completed { try? FileManager.default.removeItem(atPath: partial) }
        }
        var prefix = [UInt8](repeating: 0, count: 8)
        for i in 0..<8 { prefix[i] = UInt8.random(in: 0...255) }
        let header = Self.magic + Self.be32(UInt32(Self.chunkSize)) + prefix
        var hasher = SHA256()
        var count: Int64 = 0
        do {
            try output.write(contentsOf: header)
            var index: UInt32 = 0
            var chunk = try input.read(upToCount: Self.chunkSize) ?? Data()
            while true {
                let next = chunk.count == Self.chunkSize ? (try input.read(upToCount: Self.chunkSize) ?? Data()) : Data()
                let final = next.isEmpty
                hasher.update(data: chunk)
                count += Int64(chunk.count)
                let box = try AES.GCM.seal(chunk, using: key.key, nonce: try Self.nonce(prefix, index),
                                           authenticating: Self.aad(header, index, final: final))
                try output.write(contentsOf: Self.be32(UInt32(box.ciphertext.count)))
                try output.write(contentsOf: box.ciphertext)
                try output.write(contentsOf: box.tag)
                if final { break }
                chunk = next
                index += 1
            }
            try output.synchronize()
            try output.close()
        } catch let error as VaultError { throw error } catch { throw VaultError.writeFailed(partial) }
        if FileManager.default.fileExists(atPath: target.path) { try? FileManager.default.removeItem(at: target) }
        do { try FileManager.default.moveItem(atPath: partial, toPath: target.path) } catch { throw VaultError.writeFailed(target.path) }
        completed = true
        return Stored(path: relative, sha256: Self.hex(hasher.finalize()), byteCount: count)
    }

    /// Decrypts `path` chunk by chunk into `body`, then checks the plaintext's SHA-256 against
    /// `expectedSHA256`. A chunk that fails its tag throws `tampered` before it reaches `body`;
    /// a hash mismatch throws `hashMismatch` after the last chunk.
    public func read(path: String, recording: String, expectedSHA256: String, _ body: (Data) async throws -> Void) async throws {
        let url = directory.appendingPathComponent(path)
        guard let input = FileHandle(forReadingAtPath: url.path) else { throw VaultError.missingFile(path) }
        defer { try? input.close() }
        guard let header = try? input.read(upToCount: 20), header.count == 20, Array(header.prefix(8)) == Self.magic else {
            throw VaultError.notARecording(path)
        }
        let prefix = Array(header.suffix(8))
        var hasher = SHA256()
        var index: UInt32 = 0
        while true {
            guard let lengthBytes = try? input.read(upToCount: 4), lengthBytes.count == 4 else { throw VaultError.tampered(path) }
            let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard length <= Self.chunkSize, let sealed = try? input.read(upToCount: length + 16), sealed.count == length + 16 else {
                throw VaultError.tampered(path)
            }
            let peek = (try? input.read(upToCount: 1)) ?? Data()
            let final = peek.isEmpty
            if !final { try? input.seek(toOffset: (try input.offset()) - 1) }
            guard let box = try? AES.GCM.SealedBox(nonce: try Self.nonce(prefix, index), ciphertext: sealed.prefix(length),
                                                   tag: sealed.suffix(16)),
                  let plain = try? AES.GCM.open(box, using: key.key, authenticating: Self.aad(Array(header), index, final: final)) else {
                throw VaultError.tampered(path)
            }
            hasher.update(data: plain)
            try await body(plain)
            if final { break }
            index += 1
        }
        let actual = Self.hex(hasher.finalize())
        guard actual == expectedSHA256 else { throw VaultError.hashMismatch(recording: recording, expected: expectedSHA256, actual: actual) }
    }

    /// Decrypts into a new file (mode 0600) and verifies it; the caller removes it.
    public func decrypt(path: String, recording: String, expectedSHA256: String, to target: URL) async throws {
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: target.path) else { throw VaultError.writeFailed(target.path) }
        defer { try? output.close() }
        do {
            try await read(path: path, recording: recording, expectedSHA256: expectedSHA256) { try output.write(contentsOf: $0) }
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw error
        }
    }

    /// Removes a stored file; a file already gone is not an error.
    public func remove(path: String) throws {
        let url = directory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        try FileManager.default.removeItem(at: url)
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
    static func nonce(_ prefix: [UInt8], _ index: UInt32) throws -> AES.GCM.Nonce { try AES.GCM.Nonce(data: prefix + be32(index)) }
    static func aad(_ header: [UInt8], _ index: UInt32, final: Bool) -> Data { Data(header + be32(index) + [final ? 1 : 0]) }
    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
