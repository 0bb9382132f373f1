/// An amount of money in integer minor units (cents). Never a floating-point number:
/// collections law itemizes to the cent, and a ledger must add up exactly.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static prefix func - (a: Money) -> Money { Money(cents: -a.cents) }
    public static func += (a: inout Money, b: Money) { a.cents += b.cents }
    public static func -= (a: inout Money, b: Money) { a.cents -= b.cents }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    public var isNegative: Bool { cents < 0 }

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notADecimal(String)
        case tooManyDecimals(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: return "is empty"
            case .notADecimal(let s): return "'\(s)' is not a plain decimal amount (digits, optional '.', at most 2 decimals, no currency sign or separators)"
            case .tooManyDecimals(let s): return "'\(s)' has more than 2 decimals"
            case .outOfRange(let s): return "'\(s)' is too large"
            }
        }
    }

    /// Parses a plain decimal (`1234`, `1234.5`, `1234.56`, `-12.00`). Strict: no currency
    /// sign, no thousands separator, no exponent, no spaces, at most two decimals.
    public init(parsing text: some StringProtocol) throws(ParseError) {
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { throw .empty }
        var negative = false
        if utf8[0] == UInt8(ascii: "-") { negative = true; utf8.removeFirst() }
        guard !utf8.isEmpty else { throw .notADecimal(String(text)) }
        var whole: Int64 = 0
        var frac: Int64 = 0
        var fracDigits = 0
        var seenDot = false
        var wholeDigits = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if seenDot { throw .notADecimal(String(text)) }
                seenDot = true
                continue
            }
            guard byte >= 48, byte <= 57 else { throw .notADecimal(String(text)) }
            let digit = Int64(byte - 48)
            if seenDot {
                fracDigits += 1
                if fracDigits > 2 { throw .tooManyDecimals(String(text)) }
                frac = frac * 10 + digit
            } else {
                wholeDigits += 1
                if wholeDigits > 15 { throw .outOfRange(String(text)) }
                whole = whole * 10 + digit
            }
        }
        if wholeDigits == 0 || (seenDot && fracDigits == 0) { throw .notADecimal(String(text)) }
        if fracDigits == 1 { frac *= 10 }
        let cents = whole * 100 + frac
        self.cents = negative ? -cents : cents
    }

    /// `1234.50` — the plain form used in files and JSON.
    public var decimalString: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `$1,234.50` — for people.
    public var formatted: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        var whole = String(magnitude / 100)
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(Substring(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(Substring(whole), at: 0)
        let fraction = magnitude % 100
        return "\(sign)$\(groups.joined(separator: ",")).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public var description: String { formatted }

    // Encoded as integer cents: JSON numbers are doubles in many clients.
    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}
