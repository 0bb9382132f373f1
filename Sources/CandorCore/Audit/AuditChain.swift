import Foundation

/// One line of the append-only audit trail (a sign-in, a view of an account, a change).
///
/// Each entry carries the hash of the one before it, and its own hash covers that link, so
/// changing, removing or re-ordering any entry breaks every hash after it: `AuditChain.verify`
/// finds the first break. (This detects tampering by anyone who cannot also rewrite the rest
/// of the chain; anchoring the latest hash elsewhere — a log, a daily e-mail — closes that gap.)
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1, 2, 3, … with no gaps.
    public var sequence: Int64
    /// Whole milliseconds since 1970 UTC: the precision every store keeps, so a stored and
    /// reloaded entry hashes the same.
    public var atMilliseconds: Int64
    /// Who: a user ID, or `system:<job>`.
    public var actor: String
    /// What, verb-first and dotted: `auth.sign_in`, `account.view`, `payment.post`.
    public var action: String
    /// On what: `account:<id>`, `user:<id>`.
    public var subject: String
    /// A JSON object as text, hashed byte for byte: store it as text (not as a JSONB value,
    /// which would re-order keys and break the hash).
    public var details: String
    /// Lower-case hex SHA-256 of the previous entry; 64 zeros for the first.
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, atMilliseconds: Int64, actor: String, action: String, subject: String,
                details: String, previousHash: String, hash: String) {
        self.sequence = sequence; self.atMilliseconds = atMilliseconds; self.actor = actor; self.action = action
        self.subject = subject; self.details = details; self.previousHash = previousHash; self.hash = hash
    }

    public var at: Date { Date(timeIntervalSince1970: Double(atMilliseconds) / 1000) }

    /// The hash this entry should have, from its own fields.
    public var computedHash: String {
        AuditChain.hash(sequence: sequence, atMilliseconds: atMilliseconds, actor: actor, action: action,
                        subject: subject, details: details, previousHash: previousHash)
    }
}

/// Where and why a chain stopped verifying.
public struct AuditBreak: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The entry's sequence number is not the one after its predecessor's.
        case sequenceGap(expected: Int64)
        /// The entry does not point at the hash of the entry before it.
        case previousHashMismatch(expected: String)
        /// The entry's fields do not hash to its stored hash: it was changed.
        case hashMismatch(computed: String)
    }

    /// Position in the list given to `verify`.
    public var index: Int
    public var sequence: Int64
    public var reason: Reason

    public init(index: Int, sequence: Int64, reason: Reason) {
        self.index = index; self.sequence = sequence; self.reason = reason
    }

    public var description: String {
        switch reason {
        case .sequenceGap(let expected):
            return "entry \(sequence): expected sequence \(expected) (an entry is missing or out of order)"
        case .previousHashMismatch:
            return "entry \(sequence): does not link to the entry before it (an entry was removed, inserted or changed)"
        case .hashMismatch:
            return "entry \(sequence): its contents do not match its hash (the entry was changed)"
        }
    }
}

public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical bytes hashed for an entry: a version tag, then every field as
    /// `<UTF-8 byte length>:<bytes>\n`. Length prefixes make the encoding unambiguous (no
    /// choice of separator inside `details` can make two entries encode alike).
    public static func canonicalEncoding(sequence: Int64, atMilliseconds: Int64, actor: String, action: String,
                                         subject: String, details: String, previousHash: String) -> [UInt8] {
        var bytes = Array("candor-audit-v1\n".utf8)
        for field in [String(sequence), String(atMilliseconds), actor, action, subject, details, previousHash] {
            bytes += Array(String(field.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes += Array(field.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    public static func hash(sequence: Int64, atMilliseconds: Int64, actor: String, action: String, subject: String,
                            details: String, previousHash: String) -> String {
        PureSHA256.hex(PureSHA256.hash(canonicalEncoding(sequence: sequence, atMilliseconds: atMilliseconds, actor: actor,
                                                 action: action, subject: subject, details: details,
                                                 previousHash: previousHash)))
    }

    /// The entry that follows `last` (nil: the first entry of the chain).
    public static func entry(after last: AuditEntry?, at date: Date, actor: String, action: String, subject: String,
                             details: String = "{}") -> AuditEntry {
        let sequence = (last?.sequence ?? 0) + 1
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let previous = last?.hash ?? genesisHash
        return AuditEntry(sequence: sequence, atMilliseconds: ms, actor: actor, action: action, subject: subject,
                          details: details, previousHash: previous,
                          hash: hash(sequence: sequence, atMilliseconds: ms, actor: actor, action: action,
                                     subject: subject, details: details, previousHash: previous))
    }

    /// The first broken link, or nil when the chain holds.
    /// - Parameter anchor: the entry just before `entries` when verifying a later stretch
    ///   of the chain; nil when `entries` starts at sequence 1.
    public static func verify(_ entries: [AuditEntry], after anchor: AuditEntry? = nil) -> AuditBreak? {
        var expectedSequence = (anchor?.sequence ?? 0) + 1
        var expectedPrevious = anchor?.hash ?? genesisHash
        for (index, entry) in entries.enumerated() {
            if entry.sequence != expectedSequence {
                return AuditBreak(index: index, sequence: entry.sequence, reason: .sequenceGap(expected: expectedSequence))
            }
            if entry.previousHash != expectedPrevious {
                return AuditBreak(index: index, sequence: entry.sequence,
                                  reason: .previousHashMismatch(expected: expectedPrevious))
            }
            let computed = entry.computedHash
            if computed != entry.hash {
                return AuditBreak(index: index, sequence: entry.sequence, reason: .hashMismatch(computed: computed))
            }
            expectedSequence += 1
            expectedPrevious = entry.hash
        }
        return nil
    }
}
