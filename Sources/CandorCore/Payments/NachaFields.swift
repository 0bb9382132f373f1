import Foundation

public enum NachaError: Error, Equatable, Sendable, CustomStringConvertible {
    case noEntries
    /// `entry` is the 0-based position in the input.
    case nonPositiveAmount(entry: Int, Money)
    case amountTooLarge(entry: Int, Money)
    case accountNumber(entry: Int, String)
    case fieldTooLong(entry: Int?, field: String, maximum: Int)
    case missingRecordingReference(entry: Int)
    case telMustBeDebit(entry: Int)
    case addendaNotAllowed(entry: Int, NachaSECCode)
    case invalidStamp(String)
    case effectiveDateBeforeCreation(effective: LocalDate, created: LocalDate)
    case totalTooLarge
    /// The 7-digit trace sequence would pass 9,999,999 for this ODFI: traces would repeat.
    case traceNumbersExhausted

    public var description: String {
        func at(_ i: Int?) -> String { i.map { "entry \($0 + 1): " } ?? "" }
        switch self {
        case .noEntries: return "a NACHA file needs at least one entry"
        case .nonPositiveAmount(let i, let m): return "\(at(i))amount must be greater than zero (got \(m.formatted))"
        case .amountTooLarge(let i, let m): return "\(at(i))\(m.formatted) does not fit the 10-digit amount field"
        case .accountNumber(let i, _): return "\(at(i))the bank account number must be 1–17 letters or digits"
        case .fieldTooLong(let i, let f, let max): return "\(at(i))\(f) is longer than \(max) characters"
        case .missingRecordingReference(let i): return "\(at(i))a TEL entry needs the reference of the recorded authorization"
        case .telMustBeDebit(let i): return "\(at(i))TEL entries can only be debits"
        case .addendaNotAllowed(let i, let sec): return "\(at(i))\(sec.rawValue) entries cannot carry an addenda record"
        case .invalidStamp(let what): return "invalid file stamp: \(what)"
        case .effectiveDateBeforeCreation(let e, let c): return "effective date \(e) is before the file's creation date \(c)"
        case .totalTooLarge: return "the file's totals do not fit NACHA's 12-digit amount fields"
        case .traceNumbersExhausted: return "the 7-digit trace sequence for this ODFI is used up; ask the bank for a new origination setup"
        }
    }
}

/// Field formatting for NACHA's fixed-width records.
enum NachaField {
    /// Alphanumeric: upper case, accents folded (José → JOSE), anything outside printable
    /// ASCII replaced by a space, left-justified, space-filled, cut to `width`. Cutting is
    /// right for names (NACHA allows it); fields that must not be cut are checked first.
    static func alpha(_ text: String, _ width: Int) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).uppercased()
        var out = ""
        out.reserveCapacity(width)
        for scalar in folded.unicodeScalars {
            if out.count == width { break }
            out.unicodeScalars.append((0x20...0x7E).contains(scalar.value) ? scalar : " ")
        }
        return out + String(repeating: " ", count: width - out.count)
    }

    /// Numeric: right-justified, zero-filled. The caller guarantees it fits.
    static func numeric(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        precondition(s.count <= width && value >= 0, "numeric field overflow")
        return String(repeating: "0", count: width - s.count) + s
    }

    /// Without leading and trailing spaces.
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// YYMMDD.
    static func date(_ d: LocalDate) -> String {
        numeric(Int64(d.year % 100), 2) + numeric(Int64(d.month), 2) + numeric(Int64(d.day), 2)
    }

    /// Whether `text` fits `width` after folding to printable ASCII (for fields that are
    /// references, where cutting would lose meaning).
    static func fits(_ text: String, _ width: Int) -> Bool {
        text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).unicodeScalars.count <= width
    }
}

/// Appends fields to one 94-character record.
struct NachaRecord {
    private(set) var text = ""
    mutating func add(_ field: String) { text += field }
    var finished: String {
        precondition(text.utf8.count == 94, "NACHA record is \(text.utf8.count) characters, not 94: \(text)")
        return text
    }
}
