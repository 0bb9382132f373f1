import Logging
import NIOCore
import PostgresKit
import SQLKit

/// A multi-row INSERT written as SQL text with literal values, for bulk loading.
///
/// Why not binds: a placement batch has ~30,000 values, and encoding each bind through
/// SQLKit's Codable encoders costs more than the database's own insert work. Literals are
/// safe here because they are built only by `Value`, which quotes text the way SQLite reads
/// it: inside single quotes, a quote is doubled and nothing else is special. (PostgreSQL
/// batches use COPY instead.)
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

    /// SQL: one multi-row INSERT. COPY: PostgreSQL's `COPY ... FROM STDIN` text format,
    /// its fastest way in (no SQL to parse per value).
    enum Form { case sql, copy }

    let table: String
    let columns: [String]
    let form: Form
    private var sql: String
    private var rows = 0

    init(form: Form = .sql, table: String, columns: [String]) {
        self.table = table
        self.columns = columns
        self.form = form
        sql = form == .sql ? "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " : ""
        sql.reserveCapacity(1 << 18)
    }

    var isEmpty: Bool { rows == 0 }

    mutating func row(_ values: [Value]) throws {
        if form == .copy { try copyRow(values); return }
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

    /// COPY text format: tab-separated, `\N` for NULL, backslash escapes for the
    /// characters that would end a field or a row.
    private mutating func copyRow(_ values: [Value]) throws {
        for (i, value) in values.enumerated() {
            if i > 0 { sql += "\t" }
            switch value {
            case .text(nil): sql += "\\N"
            case .text(let s?):
                if s.utf8.contains(0) { throw NulInText() }
                if s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    for ch in s.unicodeScalars {
                        switch ch {
                        case "\\": sql += "\\\\"
                        case "\t": sql += "\\t"
                        case "\n": sql += "\\n"
                        case "\r": sql += "\\r"
                        default: sql.unicodeScalars.append(ch)
                        }
                    }
                } else {
                    sql += s
                }
            case .int(let n): sql += String(n)
            case .bool(let b): sql += b ? "t" : "f"
            }
        }
        sql += "\n"
        rows += 1
    }

    func run(on db: any SQLDatabase) async throws {
        guard rows > 0 else { return }
        precondition(form == .sql, "a COPY batch runs on a PostgreSQL connection")
        try await db.raw("\(unsafeRaw: sql)").run()
    }

    func copy(on connection: PostgresConnection, logger: Logger) async throws {
        guard rows > 0 else { return }
        precondition(form == .copy)
        let data = sql
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(ByteBuffer(string: data))
        }
    }
}
