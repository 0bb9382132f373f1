import SQLKit

/// A multi-row INSERT written as SQL text with literal values, for bulk loading.
///
/// Why not binds: a placement batch has ~30,000 values, and encoding each bind through
/// SQLKit's Codable encoders costs more than the database's own insert work. Literals are
/// safe here because they are built only by `Value`, which quotes text the one way both
/// SQLite and PostgreSQL (standard_conforming_strings, on since 9.1 and set for the
/// session) read it: inside single quotes, a quote is doubled and nothing else is special.
/// NUL, which neither database stores in text, is refused.
struct BulkInsert {
    enum Value {
        case text(String?)
        case int(Int64)
        case bool(Bool)
    }

    struct NulInText: Error, CustomStringConvertible {
        var description: String { "a text value contains a NUL character" }
    }

    private var sql: String
    private var rows = 0

    init(table: String, columns: [String]) {
        sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        sql.reserveCapacity(1 << 18)
    }

    var isEmpty: Bool { rows == 0 }

    mutating func row(_ values: [Value]) throws {
        if rows > 0 { sql += "," }
        sql += "("
        for (i, value) in values.enumerated() {
            if i > 0 { sql += "," }
            switch value {
            case .text(nil): sql += "NULL"
            case .text(let s?): try Self.appendQuoted(s, to: &sql)
            case .int(let n): sql += String(n)
            case .bool(let b): sql += b ? "TRUE" : "FALSE"
            }
        }
        sql += ")"
        rows += 1
    }

    static func appendQuoted(_ s: String, to out: inout String) throws {
        out += "'"
        if s.utf8.contains(0x27) || s.utf8.contains(0) {
            if s.utf8.contains(0) { throw NulInText() }
            out += s.replacingOccurrences(of: "'", with: "''")
        } else {
            out += s
        }
        out += "'"
    }

    func run(on db: any SQLDatabase) async throws {
        guard rows > 0 else { return }
        try await db.raw("\(unsafeRaw: sql)").run()
    }
}
