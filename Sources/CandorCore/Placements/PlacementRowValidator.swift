/// Validates one data row against the spec table and builds its record. Every bad column
/// gets one error (the first problem found in it); the row is rejected if any column is bad.
/// Works on the scanner's bytes: strings are made only for values kept.
struct PlacementRowValidator {
    /// Length limits, in characters (Unicode scalars).
    enum Limit {
        static let accountNumber = 64, name = 100, addressLine = 200, city = 100
        static let creditor = 200, email = 254
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>
    let fieldOfColumn: [Int]
    let line: Int
    let today: LocalDate
    let todayKey: Int
    var errors: [PlacementRowError] = []

    static func validate(scanner: PlacementCSVScanner, header: PlacementHeader, today: LocalDate) -> PlacementRowResult {
        let line = scanner.rowLine
        let count = scanner.fieldEnds.count
        guard count == header.fieldCount else {
            let message = "has \(count) value\(count == 1 ? "" : "s") but the header has \(header.fieldCount) columns; "
                + "a value is missing or has an unquoted comma (quote values with commas: \"12 Elm St, Apt 4\")"
            return .rejected(line: line, errors: [PlacementRowError(line: line, column: PlacementRowError.wholeRow, message: message)])
        }
        return scanner.bytes.withUnsafeBufferPointer { bytes in
            scanner.fieldEnds.withUnsafeBufferPointer { ends in
                var validator = PlacementRowValidator(bytes: bytes, ends: ends, fieldOfColumn: header.fieldOfColumn,
                                                      line: line, today: today,
                                                      todayKey: today.year * 10_000 + today.month * 100 + today.day)
                for (field, issue) in scanner.issues {
                    // A quoting slip in an ignored column changes nothing we keep.
                    guard let column = header.columnOfField[field] else { continue }
                    switch issue {
                    case .strayQuote:
                        validator.fail(column, "has a '\"' inside a value that is not quoted; quote the whole value and double the inner quote (\"Robert \"\"Bob\"\" Smith\")")
                    case .textAfterClosingQuote:
                        validator.fail(column, "has text after its closing '\"'; quote the whole value and double any quote inside it")
                    }
                }
                return validator.run()
            }
        }
    }

    // MARK: - The row

    mutating func run() -> PlacementRowResult {
        let accountNumber = text(.accountNumber, limit: Limit.accountNumber, required: true)
        let firstName = text(.firstName, limit: Limit.name, required: true)
        let lastName = text(.lastName, limit: Limit.name, required: true)
        let dateOfBirth = date(.dateOfBirth, rule: .past)
        let ssn = ssn()
        let address = PostalAddress(
            line1: text(.addressLine1, limit: Limit.addressLine), line2: text(.addressLine2, limit: Limit.addressLine),
            city: text(.city, limit: Limit.city), state: state(), postalCode: postalCode())
        var phones: [ContactPhone] = []
        for index in 0..<3 { phone(index, into: &phones) }
        let email = email()
        let originalCreditor = text(.originalCreditor, limit: Limit.creditor)
        let currentCreditor = text(.currentCreditor, limit: Limit.creditor)
        let product = choice(.product, PlacementChoices.products)
        let dateType = choice(.itemizationDateType, PlacementChoices.itemizationDateTypes, required: true)
        let itemizationDate = date(.itemizationDate, rule: .notFuture, required: true)
        let itemizationAmount = amount(.itemizationAmount, required: true)
        let interest = amount(.interestSince), fees = amount(.feesSince)
        let payments = amount(.paymentsSince), credits = amount(.creditsSince)
        let balance = amount(.currentBalance, required: true)
        if let itemizationAmount, let interest, let fees, let payments, let credits, let balance {
            checkBalance(balance, amount: itemizationAmount, interest: interest, fees: fees, payments: payments, credits: credits)
        }
        let chargeOffDate = date(.chargeOffDate, rule: .notFuture)
        let lastPaymentDate = date(.lastPaymentDate, rule: .notFuture)
        let delinquencyDate = date(.delinquencyDate, rule: .notFuture)
        let openDate = date(.openDate, rule: .notFuture)
        let language = language()

        guard errors.isEmpty, let accountNumber, let firstName, let lastName, let dateType, let itemizationDate,
              let itemizationAmount, let interest, let fees, let payments, let credits, let balance
        else { return .rejected(line: line, errors: errors) }
        let itemization = Itemization(dateType: dateType, date: itemizationDate, amount: Money(cents: itemizationAmount),
                                      interestSince: Money(cents: interest), feesSince: Money(cents: fees),
                                      paymentsSince: Money(cents: payments), creditsSince: Money(cents: credits))
        return .record(PlacementRecord(
            line: line, accountNumber: accountNumber, firstName: firstName, lastName: lastName,
            dateOfBirth: dateOfBirth, ssn: ssn, address: address, phones: phones, email: email,
            originalCreditor: originalCreditor, currentCreditor: currentCreditor, product: product,
            itemization: itemization, currentBalance: Money(cents: balance), chargeOffDate: chargeOffDate,
            lastPaymentDate: lastPaymentDate, delinquencyDate: delinquencyDate, openDate: openDate,
            language: language))
    }

    private mutating func checkBalance(_ balance: Int64, amount: Int64, interest: Int64, fees: Int64,
                                       payments: Int64, credits: Int64) {
        let expected = amount + interest + fees - payments - credits
        guard balance != expected else { return }
        func m(_ cents: Int64) -> String { Money(cents: cents).decimalString }
        fail(.currentBalance, "is \(m(balance)) but itemization_amount + interest_since + fees_since - payments_since - credits_since "
            + "is \(m(expected)) (\(m(amount)) + \(m(interest)) + \(m(fees)) - \(m(payments)) - \(m(credits))); it must add up to the cent")
    }

    // MARK: - Cells

    /// The cell of `column`, trimmed of surrounding spaces; empty if the column is absent.
    @inline(__always)
    func cell(_ column: PlacementColumn) -> UnsafeBufferPointer<UInt8> {
        let field = fieldOfColumn[column.rawValue]
        guard field >= 0 else { return UnsafeBufferPointer(rebasing: bytes[0..<0]) }
        var start = field == 0 ? 0 : ends[field - 1]
        var end = ends[field]
        while start < end, PlacementBytes.isSpace(bytes[start]) { start += 1 }
        while end > start, PlacementBytes.isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Records an error, at most one per column (the first found).
    mutating func fail(_ column: PlacementColumn, _ message: String) {
        let name = column.name
        guard !errors.contains(where: { $0.column == name }) else { return }
        errors.append(PlacementRowError(line: line, column: name, message: message))
    }

    mutating func failRequired(_ column: PlacementColumn) {
        fail(column, "is empty; it is required")
    }

    /// A value quoted for a message, cut at 40 characters. Never used for the SSN.
    func show(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = 0
        for (offset, byte) in cell.enumerated() where byte & 0xC0 != 0x80 {
            scalars += 1
            if scalars > 40 {
                return "'" + PlacementBytes.string(UnsafeBufferPointer(rebasing: cell[..<offset])) + "…'"
            }
        }
        return "'" + PlacementBytes.string(cell) + "'"
    }

    mutating func text(_ column: PlacementColumn, limit: Int, required: Bool = false) -> String? {
        let cell = cell(column)
        if cell.isEmpty {
            if required { failRequired(column) }
            return nil
        }
        for byte in cell where byte < 0x20 || byte == 0x7F {
            fail(column, byte == PlacementBytes.lf || byte == PlacementBytes.cr
                ? "contains a line break; put the value on one line"
                : "contains a control character (such as a tab); remove it")
            return nil
        }
        let count = cell.count <= limit ? cell.count : PlacementBytes.scalarCount(cell)
        guard count <= limit else {
            fail(column, "is \(count) characters long; the limit is \(limit)")
            return nil
        }
        return PlacementBytes.string(cell)
    }

    /// A case-insensitive choice among fixed values.
    mutating func choice<T>(_ column: PlacementColumn, _ table: PlacementChoices.Table<T>, required: Bool = false) -> T? {
        let cell = cell(column)
        if cell.isEmpty {
            if required { failRequired(column) }
            return nil
        }
        if let value = table.match(cell) { return value }
        fail(column, "\(show(cell)) is not one of \(table.list)")
        return nil
    }
}
