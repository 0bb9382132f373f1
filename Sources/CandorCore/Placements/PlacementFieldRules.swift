/// The typed field rules of the spec table, byte by byte.
extension PlacementRowValidator {
    enum DateRule { case past, notFuture }

    /// `YYYY-MM-DD`, a real calendar date, not before 1900 (a mistyped year), and per `rule`
    /// compared with the injected `today`.
    mutating func date(_ column: PlacementColumn, rule: DateRule, required: Bool = false) -> LocalDate? {
        let cell = cell(column)
        if cell.isEmpty {
            if required { failRequired(column) }
            return nil
        }
        func number(_ from: Int, _ to: Int) -> Int? {
            var value = 0
            for i in from..<to {
                guard PlacementBytes.isDigit(cell[i]) else { return nil }
                value = value * 10 + Int(cell[i] &- 48)
            }
            return value
        }
        guard cell.count == 10, cell[4] == PlacementBytes.dash, cell[7] == PlacementBytes.dash,
              let year = number(0, 4), let month = number(5, 7), let day = number(8, 10)
        else {
            fail(column, "\(show(cell)) is not a date in the form YYYY-MM-DD (e.g. 2025-11-30)")
            return nil
        }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            fail(column, "\(show(cell)) is not a real calendar date")
            return nil
        }
        let key = year * 10_000 + month * 100 + day
        if key < 1900_01_01 {
            fail(column, "\(date) is before 1900; check the year")
            return nil
        }
        switch rule {
        case .past where key >= todayKey:
            fail(column, "\(date) is not in the past (today is \(today))")
            return nil
        case .notFuture where key > todayKey:
            fail(column, "\(date) is in the future (today is \(today))")
            return nil
        default:
            return date
        }
    }

    /// An amount ≥ 0 in cents, with the grammar of `Money(parsing:)`: digits, an optional
    /// `.` and at most 2 decimals. An absent optional amount is 0; `nil` means an error.
    mutating func amount(_ column: PlacementColumn, required: Bool = false) -> Int64? {
        let cell = cell(column)
        if cell.isEmpty {
            if required { failRequired(column); return nil }
            return 0
        }
        let negative = cell[0] == PlacementBytes.dash
        var whole: Int64 = 0, fraction: Int64 = 0
        var wholeDigits = 0, fractionDigits = 0, seenDot = false, wellFormed = true
        for byte in cell[(negative ? 1 : 0)...] {
            if byte == PlacementBytes.dot {
                if seenDot { wellFormed = false; break }
                seenDot = true
            } else if PlacementBytes.isDigit(byte) {
                let digit = Int64(byte &- 48)
                if seenDot { fractionDigits += 1; if fractionDigits <= 2 { fraction = fraction * 10 + digit } }
                else { wholeDigits += 1; if wholeDigits <= 15 { whole = whole * 10 + digit } }
            } else {
                wellFormed = false
                break
            }
        }
        if wholeDigits == 0 || (seenDot && fractionDigits == 0) { wellFormed = false }
        guard wellFormed else {
            fail(column, "\(show(cell)) is not a plain amount: digits with an optional '.' and at most 2 decimals "
                + "(1234.56), without a currency sign, thousands separator or spaces")
            return nil
        }
        if fractionDigits > 2 { fail(column, "\(show(cell)) has more than 2 decimals"); return nil }
        if wholeDigits > 15 { fail(column, "\(show(cell)) is too large"); return nil }
        if negative { fail(column, "\(show(cell)) is negative; it must be 0 or more"); return nil }
        return whole * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)
    }

    /// 9 digits, dashes allowed. Messages never contain the value (it is PII).
    mutating func ssn() -> SSN? {
        let cell = cell(.ssn)
        if cell.isEmpty { return nil }
        var digits: (area: Int, group: Int, serial: Int) = (0, 0, 0)
        var count = 0
        for byte in cell {
            if byte == PlacementBytes.dash { continue }
            guard PlacementBytes.isDigit(byte) else { count = -1; break }
            let d = Int(byte &- 48)
            switch count {
            case 0..<3: digits.area = digits.area * 10 + d
            case 3..<5: digits.group = digits.group * 10 + d
            default: digits.serial = digits.serial * 10 + d
            }
            count += 1
        }
        guard count == 9 else { fail(.ssn, "is not 9 digits (dashes allowed)"); return nil }
        // Never issued (SSA): placeholders such as 000-00-0000 are not SSNs.
        guard digits.area != 0, digits.area != 666, digits.group != 0, digits.serial != 0 else {
            fail(.ssn, "is not a possible SSN (area 000 or 666, group 00 or serial 0000 are never issued); leave it empty when unknown")
            return nil
        }
        guard let ssn = try? SSN(parsing: PlacementBytes.string(cell)) else {
            fail(.ssn, "is not 9 digits (dashes allowed)")
            return nil
        }
        return ssn
    }

    /// A USPS state, DC, territory or military code; any case, stored upper case.
    mutating func state() -> String? {
        let cell = cell(.state)
        if cell.isEmpty { return nil }
        if cell.count == 2 {
            let a = cell[0] & 0xDF, b = cell[1] & 0xDF  // ASCII upper case
            if a >= 65, a <= 90, b >= 65, b <= 90 {
                let code = String(decoding: [a, b], as: UTF8.self)
                if USState.codes.contains(code) { return code }
            }
        }
        fail(.state, "\(show(cell)) is not a US state, DC or territory code (two letters, e.g. MA, DC, PR)")
        return nil
    }

    /// 5 digits or ZIP+4 (`12345-6789`; nine digits without the dash are accepted and
    /// written with it).
    mutating func postalCode() -> String? {
        let cell = cell(.postalCode)
        if cell.isEmpty { return nil }
        let allDigits = cell.allSatisfy(PlacementBytes.isDigit)
        if allDigits, cell.count == 5 { return PlacementBytes.string(cell) }
        if allDigits, cell.count == 9 {
            return PlacementBytes.string(UnsafeBufferPointer(rebasing: cell[0..<5])) + "-"
                + PlacementBytes.string(UnsafeBufferPointer(rebasing: cell[5..<9]))
        }
        if cell.count == 10, cell[5] == PlacementBytes.dash,
           cell[0..<5].allSatisfy(PlacementBytes.isDigit), cell[6..<10].allSatisfy(PlacementBytes.isDigit) {
            return PlacementBytes.string(cell)
        }
        var message = "\(show(cell)) is not a ZIP code (5 digits, or ZIP+4 as 12345-6789)"
        if allDigits, cell.count == 3 || cell.count == 4 {
            message += "; a spreadsheet may have dropped its leading zeros"
        }
        fail(.postalCode, message)
        return nil
    }

    /// Phone `index` (0-based): number, line type (default unknown), consent (default N).
    /// Type and consent are checked even without a number: a bad value is a data problem.
    mutating func phone(_ index: Int, into phones: inout [ContactPhone]) {
        let numberColumn = PlacementColumn.phoneNumbers[index]
        let numberCell = cell(numberColumn)
        var number: PhoneNumber?
        if !numberCell.isEmpty {
            number = numberCell.count <= 32 ? try? PhoneNumber(parsing: PlacementBytes.string(numberCell)) : nil
            if number == nil {
                fail(numberColumn, "\(show(numberCell)) is not a North American phone number (10 digits with any "
                    + "punctuation, optionally preceded by 1; area code and exchange do not start with 0 or 1)")
            }
        }
        let lineType = choice(PlacementColumn.phoneTypes[index], PlacementChoices.lineTypes) ?? .unknown
        let consentColumn = PlacementColumn.phoneConsents[index]
        let consentCell = cell(consentColumn)
        var consent = false
        if !consentCell.isEmpty {
            let letter = consentCell.count == 1 ? consentCell[0] & 0xDF : 0
            if letter == UInt8(ascii: "Y") { consent = true }
            else if letter != UInt8(ascii: "N") {
                fail(consentColumn, "\(show(consentCell)) is not Y or N (autodialer consent; empty means N)")
            }
        }
        if let number { phones.append(ContactPhone(number: number, lineType: lineType, autodialerConsent: consent)) }
    }

    mutating func email() -> String? {
        let cell = cell(.email)
        if cell.isEmpty { return nil }
        guard cell.count <= Limit.email else {
            fail(.email, "is longer than \(Limit.email) characters")
            return nil
        }
        guard PlacementRowValidator.isEmailAddress(cell) else {
            fail(.email, "\(show(cell)) is not an email address (name@example.com)")
            return nil
        }
        return PlacementBytes.string(cell)
    }

    /// ISO 639-1, any case, stored lower case.
    mutating func language() -> String? {
        let cell = cell(.language)
        if cell.isEmpty { return nil }
        if cell.count == 2 {
            let a = cell[0] | 0x20, b = cell[1] | 0x20  // ASCII lower case
            if a >= 97, a <= 122, b >= 97, b <= 122, PlacementChoices.iso639_1[Int(a - 97) * 26 + Int(b - 97)] {
                return String(decoding: [a, b], as: UTF8.self)
            }
        }
        fail(.language, "\(show(cell)) is not an ISO 639-1 language code (two letters: en, es, zh, vi, ...)")
        return nil
    }

    /// A sensible syntactic check (not RFC 5322's full grammar): one `@`; a local part of
    /// 1–64 characters without spaces, quotes or a leading, trailing or doubled dot; a domain
    /// of at least two dot-separated labels of letters, digits and inner hyphens (non-ASCII
    /// allowed for internationalized names), the last at least two characters and not numeric.
    static func isEmailAddress(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = b.firstIndex(of: PlacementBytes.at), at > 0, at <= 64,
              b[(at + 1)...].firstIndex(of: PlacementBytes.at) == nil else { return false }
        let local = b[..<at], domain = b[(at + 1)...]
        var previous = PlacementBytes.dot
        for byte in local {
            if byte == PlacementBytes.dot {
                if previous == PlacementBytes.dot { return false }
            } else if !(byte >= 0x80 || isAlphanumeric(byte) || localSpecials.contains(byte)) {
                return false
            }
            previous = byte
        }
        if previous == PlacementBytes.dot { return false }
        var labels = 0, labelLength = 0, labelAllDigits = true, labelStart = domain.startIndex
        for i in domain.indices {
            let byte = domain[i]
            if byte == PlacementBytes.dot {
                guard labelLength > 0, labelLength <= 63, domain[i - 1] != PlacementBytes.dash else { return false }
                labels += 1; labelLength = 0; labelAllDigits = true; labelStart = i + 1
                continue
            }
            guard byte >= 0x80 || isAlphanumeric(byte) || (byte == PlacementBytes.dash && i != labelStart) else { return false }
            labelLength += 1
            if !PlacementBytes.isDigit(byte) { labelAllDigits = false }
        }
        guard labelLength >= 2, labelLength <= 63, !labelAllDigits,
              domain[domain.endIndex - 1] != PlacementBytes.dash else { return false }
        return labels >= 1
    }

    private static let localSpecials: [UInt8] = Array("!#$%&'*+/=?^_`{|}~-".utf8)

    @inline(__always) private static func isAlphanumeric(_ b: UInt8) -> Bool {
        PlacementBytes.isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 122)
    }
}
