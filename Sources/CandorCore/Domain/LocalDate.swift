/// A calendar date without a time or zone (a date of birth, an itemization date).
/// Stored as `YYYY-MM-DD`; compared as integers.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case format(String)
        case invalid(String)
        public var description: String {
            switch self {
            case .format(let s): return "'\(s)' is not a date in the form YYYY-MM-DD"
            case .invalid(let s): return "'\(s)' is not a real calendar date"
            }
        }
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    public init(parsing text: some StringProtocol) throws(ParseError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            throw .format(String(text))
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
            throw .format(String(text))
        }
        guard let date = LocalDate(year: y, month: m, day: d) else { throw .invalid(String(text)) }
        self = date
    }

    static func daysIn(month: Int, year: Int) -> Int { CivilTime.daysInMonth(year: year, month: month) }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic and comparison.
    public var daysSinceEpoch: Int { CivilTime.days(year: year, month: month, day: day) }

    public init(daysSinceEpoch days: Int) {
        (year, month, day) = CivilTime.civil(days: days)
    }

    /// The UTC calendar date of an instant given as seconds since 1970.
    public init(utcSecondsSinceEpoch seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(daysSinceEpoch: Int(days))
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try LocalDate(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
