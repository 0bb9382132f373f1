/// An ABA routing transit number: nine digits, the last a check digit.
public struct RoutingNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Exactly nine ASCII digits.
    public let digits: String

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case format(String)
        case checkDigit(String)
        public var description: String {
            switch self {
            case .format(let s): return "'\(s)' is not a routing number (9 digits)"
            case .checkDigit(let s): return "'\(s)' is not a valid routing number (its check digit is wrong)"
            }
        }
    }

    public init(_ text: some StringProtocol) throws(ParseError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 9, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .format(String(text)) }
        let values = bytes.map { Int($0 - 48) }
        guard RoutingNumber.checkDigit(forFirstEight: values[0..<8]) == values[8] else { throw .checkDigit(String(text)) }
        digits = String(text)
    }

    /// The ABA check digit: weights 3, 7, 1 repeated over the first eight digits; the
    /// ninth digit brings the weighted sum to a multiple of 10.
    public static func checkDigit(forFirstEight values: some Collection<Int>) -> Int {
        let weights = [3, 7, 1, 3, 7, 1, 3, 7]
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (10 - sum % 10) % 10
    }

    /// The first eight digits: the DFI identification that NACHA records and the entry hash use.
    public var dfiIdentification: String { String(digits.prefix(8)) }
    public var checkDigit: Character { digits.last! }
    public var description: String { digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(digits)
    }
}
