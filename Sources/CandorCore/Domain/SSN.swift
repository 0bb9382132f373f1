/// A US Social Security number. Kept in memory only as long as needed to encrypt it;
/// shown to people only masked (`***-**-6789`).
public struct SSN: Sendable, Hashable, CustomStringConvertible {
    /// Nine digits, no dashes.
    public let digits: String

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case invalid
        // Never echo the value: it is PII and would land in logs and error files.
        public var description: String { "is not 9 digits (dashes allowed)" }
    }

    public init(parsing text: some StringProtocol) throws(ParseError) {
        var out: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 48, byte <= 57 { out.append(byte) }
            else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") { continue }
            else { throw .invalid }
        }
        guard out.count == 9 else { throw .invalid }
        digits = String(decoding: out, as: UTF8.self)
    }

    public static func masked(lastFour: String) -> String { "***-**-\(lastFour)" }

    public var lastFour: String { String(digits.suffix(4)) }
    public var masked: String { SSN.masked(lastFour: lastFour) }
    /// Masked on purpose: string interpolation of an SSN must never leak it.
    public var description: String { masked }
}
