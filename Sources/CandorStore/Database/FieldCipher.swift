import Crypto
import Foundation

/// Encrypts personal data fields (SSN, bank account numbers) with AES-256-GCM.
/// Stored form: base64 of nonce ‖ ciphertext ‖ tag, prefixed `v1:` so the format can evolve.
public struct FieldCipher: @unchecked Sendable {
    // SymmetricKey is an immutable value; swift-crypto does not mark it Sendable yet.
    // Internal, not private: RecordingVault derives its own key from it (HKDF).
    let key: SymmetricKey

    public enum KeyError: Error, Equatable, Sendable, CustomStringConvertible {
        case notBase64
        case wrongLength(Int)
        case missingForPostgres
        case unreadableFile(String)
        public var description: String {
            switch self {
            case .notBase64: return "the encryption key is not base64 (expected 32 random bytes, base64: `openssl rand -base64 32`)"
            case .wrongLength(let n): return "the encryption key is \(n) bytes; AES-256 needs exactly 32"
            case .missingForPostgres: return "no encryption key: on PostgreSQL set CANDOR_ENCRYPTION_KEY (or --encryption-key) to 32 random bytes in base64, the same on every instance; candor does not generate one for a shared database"
            case .unreadableFile(let path): return "cannot read the encryption key file \(path)"
            }
        }
    }

    public enum DecryptError: Error, Sendable, CustomStringConvertible {
        case malformed
        case wrongKey
        public var description: String {
            switch self {
            case .malformed: return "an encrypted field is malformed"
            case .wrongKey: return "an encrypted field cannot be decrypted with the configured key (wrong key?)"
            }
        }
    }

    public init(base64Key: String) throws(KeyError) {
        guard let data = Data(base64Encoded: base64Key.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw .notBase64 }
        guard data.count == 32 else { throw .wrongLength(data.count) }
        key = SymmetricKey(data: data)
    }

    public static func generateBase64Key() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public func encrypt(_ plaintext: String) -> String {
        // AES.GCM.seal only throws on invalid nonce/key sizes, which cannot happen here.
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: key)
        return "v1:" + box.combined!.base64EncodedString()
    }

    public func decrypt(_ stored: String) throws(DecryptError) -> String {
        guard stored.hasPrefix("v1:"), let data = Data(base64Encoded: String(stored.dropFirst(3))),
              let box = try? AES.GCM.SealedBox(combined: data) else { throw .malformed }
        guard let plain = try? AES.GCM.open(box, using: key) else { throw .wrongKey }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// Where the encryption key comes from: an explicit key (configuration), else a key file.
/// On SQLite with neither, a key file is generated next to the database (mode 0600) and
/// the caller is told, so a newcomer's `candor serve` just works; on PostgreSQL a key must
/// be configured explicitly because several instances must share it.
public enum EncryptionKeySource {
    public struct Resolved: Sendable {
        public let cipher: FieldCipher
        /// Set when a new key file was written: say so to the operator.
        public let generatedFile: String?
    }

    public static func defaultKeyFile(for location: DatabaseLocation) -> String? {
        guard case .sqlite(let path) = location else { return nil }
        return path + ".key"
    }

    public static func resolve(explicitKey: String?, keyFile: String?, location: DatabaseLocation) throws(FieldCipher.KeyError) -> Resolved {
        if let explicitKey, !explicitKey.isEmpty {
            return Resolved(cipher: try FieldCipher(base64Key: explicitKey), generatedFile: nil)
        }
        let file = keyFile ?? defaultKeyFile(for: location)
        guard let file else { throw .missingForPostgres }
        if FileManager.default.fileExists(atPath: file) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw .unreadableFile(file) }
            return Resolved(cipher: try FieldCipher(base64Key: text), generatedFile: nil)
        }
        if keyFile == nil, !location.isSQLite { throw .missingForPostgres }
        let key = generateKeyFile(at: file)
        guard let key else { throw .unreadableFile(file) }
        return Resolved(cipher: try FieldCipher(base64Key: key), generatedFile: file)
    }

    private static func generateKeyFile(at path: String) -> String? {
        let key = FieldCipher.generateBase64Key()
        // Created with 0600 from the start: the key must never be readable by others.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let bytes = Array((key + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return written == bytes.count ? key : nil
    }
}
