/// One valid row of a placement file, typed. Duplicate detection (within the file and
/// against accounts on file) is the importer's job; `accountNumber` is kept as written,
/// only trimmed of surrounding spaces.
public struct PlacementRecord: Sendable, Hashable {
    /// The row's first physical line (the header is line 1).
    public var line: Int
    public var accountNumber: String
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: LocalDate?
    public var ssn: SSN?
    public var address: PostalAddress
    /// phone1, phone2, phone3 in that order; absent ones are skipped.
    public var phones: [ContactPhone]
    public var email: String?
    public var originalCreditor: String?
    public var currentCreditor: String?
    public var product: Account.Product?
    public var itemization: Itemization
    /// Equal to `itemization.balanceAtPlacement` (checked to the cent).
    public var currentBalance: Money
    public var chargeOffDate: LocalDate?
    public var lastPaymentDate: LocalDate?
    public var delinquencyDate: LocalDate?
    public var openDate: LocalDate?
    /// ISO 639-1, lower case (`en`, `es`).
    public var language: String?

    public init(line: Int, accountNumber: String, firstName: String, lastName: String,
                dateOfBirth: LocalDate? = nil, ssn: SSN? = nil, address: PostalAddress = PostalAddress(),
                phones: [ContactPhone] = [], email: String? = nil, originalCreditor: String? = nil,
                currentCreditor: String? = nil, product: Account.Product? = nil, itemization: Itemization,
                currentBalance: Money, chargeOffDate: LocalDate? = nil, lastPaymentDate: LocalDate? = nil,
                delinquencyDate: LocalDate? = nil, openDate: LocalDate? = nil, language: String? = nil) {
        self.line = line; self.accountNumber = accountNumber; self.firstName = firstName
        self.lastName = lastName; self.dateOfBirth = dateOfBirth; self.ssn = ssn; self.address = address
        self.phones = phones; self.email = email; self.originalCreditor = originalCreditor
        self.currentCreditor = currentCreditor; self.product = product; self.itemization = itemization
        self.currentBalance = currentBalance; self.chargeOffDate = chargeOffDate
        self.lastPaymentDate = lastPaymentDate; self.delinquencyDate = delinquencyDate
        self.openDate = openDate; self.language = language
    }
}

/// One problem with one cell of a row. `column` is the spec's column name, or `"*"` when
/// the row as a whole is malformed (wrong number of fields). Messages are written for a
/// client's data team and never contain an SSN.
public struct PlacementRowError: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// The `column` of an error about the whole row rather than one cell.
    public static let wholeRow = "*"

    public var line: Int
    public var column: String
    public var message: String

    public init(line: Int, column: String, message: String) {
        self.line = line; self.column = column; self.message = message
    }

    public var description: String { "line \(line), \(column): \(message)" }
}

/// What the parser makes of one data row.
public enum PlacementRowResult: Sendable, Hashable {
    case record(PlacementRecord)
    /// Every problem found in the row (at least one), one per bad column.
    case rejected(line: Int, errors: [PlacementRowError])

    /// The row's first physical line.
    public var line: Int {
        switch self {
        case .record(let record): return record.line
        case .rejected(let line, _): return line
        }
    }

    public var record: PlacementRecord? {
        if case .record(let record) = self { return record }
        return nil
    }

    public var errors: [PlacementRowError] {
        if case .rejected(_, let errors) = self { return errors }
        return []
    }
}

/// The file cannot be imported at all; nothing from it should be kept.
public enum PlacementFileError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A byte sequence that is not UTF-8 on this physical line.
    case notUTF8(line: Int)
    /// No header row: the file is empty or holds only blank lines.
    case noHeader
    /// Required columns absent from the header, in the spec's order.
    case missingRequiredColumns([String])
    /// A known column named twice in the header (as written the second time).
    case duplicateColumn(String)
    /// A quoted field opened on this line is never closed.
    case unterminatedQuote(line: Int)
    /// A row longer than any real placement row: most likely not a CSV file.
    case rowTooLong(line: Int, limitBytes: Int)

    public var description: String {
        switch self {
        case .notUTF8(let line):
            return "line \(line) is not valid UTF-8; save the file as UTF-8 (CSV UTF-8) and send it again"
        case .noHeader:
            return "the file is empty: the first line must be a header naming the columns"
        case .missingRequiredColumns(let names):
            return "the header lacks required column\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))"
        case .duplicateColumn(let name):
            return "the header names column '\(name)' more than once"
        case .unterminatedQuote(let line):
            return "a quoted field opened on line \(line) is never closed (a '\"' is missing)"
        case .rowTooLong(let line, let limit):
            return "the row starting on line \(line) is longer than \(limit) bytes; is this a CSV placement file?"
        }
    }
}
