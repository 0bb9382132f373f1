/// A North American (NANP) telephone number, held in E.164 (`+16175550100`).
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let e164: String

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case notNANP(String)
        public var description: String {
            switch self {
            case .notNANP(let s): return "'\(s)' is not a NANP phone number (10 digits, optionally with country code 1)"
            }
        }
    }

    /// Lenient about punctuation (`(617) 555-0100`, `617.555.0100`, `+1 617 555 0100`),
    /// strict about the number: 10 digits (or 11 starting with 1), area code and exchange
    /// not starting with 0 or 1 (the NANP numbering plan).
    public init(parsing text: some StringProtocol) throws(ParseError) {
        var digits: [UInt8] = []
        digits.reserveCapacity(11)
        for byte in text.utf8 {
            switch byte {
            case 48...57: digits.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "+"):
                continue
            default: throw .notNANP(String(text))
            }
        }
        if digits.count == 11, digits[0] == UInt8(ascii: "1") { digits.removeFirst() }
        guard digits.count == 10, digits[0] >= UInt8(ascii: "2"), digits[3] >= UInt8(ascii: "2") else {
            throw .notNANP(String(text))
        }
        e164 = "+1" + String(decoding: digits, as: UTF8.self)
    }

    /// The three-digit area code (`617`).
    public var areaCode: String { String(e164.dropFirst(2).prefix(3)) }

    /// `(617) 555-0100` — for people.
    public var formatted: String {
        let d = Array(e164.dropFirst(2))
        return "(\(String(d[0..<3]))) \(String(d[3..<6]))-\(String(d[6..<10]))"
    }

    public var description: String { e164 }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try PhoneNumber(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(e164)
    }
}
