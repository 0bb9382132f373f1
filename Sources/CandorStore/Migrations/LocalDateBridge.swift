import CandorCore

enum LocalDateBridge {
    static func date(utcSeconds: Int64) -> LocalDate { LocalDate(utcSecondsSinceEpoch: utcSeconds) }
    static func parse(_ text: String) throws -> Int { try LocalDate(parsing: text).daysSinceEpoch }
}
