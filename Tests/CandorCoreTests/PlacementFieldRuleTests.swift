import CandorCore
import Testing

/// One cell changed from the valid row, and whether it is accepted.
struct PlacementCellCase: CustomTestStringConvertible, Sendable {
    let column: String
    let value: String
    /// nil: accepted; otherwise a fragment of the message for `column`.
    let message: String?
    var testDescription: String { "\(column)='\(value)' \(message == nil ? "accepted" : "rejected")" }

    static func ok(_ column: String, _ value: String) -> PlacementCellCase { PlacementCellCase(column: column, value: value, message: nil) }
    static func bad(_ column: String, _ value: String, _ message: String) -> PlacementCellCase {
        PlacementCellCase(column: column, value: value, message: message)
    }
}

@Suite("Placement files: every field rule")
struct PlacementFieldRuleTests {
    static let cases: [PlacementCellCase] = [
        // Required text, trimming, length, control characters.
        .bad("account_number", "", "is empty; it is required"),
        .bad("account_number", "   ", "is required"),
        .bad("first_name", "", "is required"),
        .bad("last_name", "", "is required"),
        .ok("last_name", "O'Neil-García"),
        .bad("account_number", String(repeating: "9", count: 65), "is 65 characters long; the limit is 64"),
        .ok("account_number", String(repeating: "9", count: 64)),
        .bad("first_name", String(repeating: "é", count: 101), "the limit is 100"),
        .ok("first_name", String(repeating: "é", count: 100)),
        .bad("address_line1", String(repeating: "a", count: 201), "the limit is 200"),
        .bad("city", "Boston\nNorth", "contains a line break"),
        .bad("city", "Bos\tton", "control character"),
        .bad("original_creditor", String(repeating: "b", count: 201), "the limit is 200"),
        .bad("current_creditor", String(repeating: "b", count: 201), "the limit is 200"),
        // Dates.
        .bad("date_of_birth", "1980-5-17", "is not a date in the form YYYY-MM-DD"),
        .bad("date_of_birth", "05/17/1980", "'05/17/1980' is not a date in the form YYYY-MM-DD"),
        .bad("date_of_birth", "1981-02-29", "is not a real calendar date"),
        .ok("date_of_birth", "1980-02-29"),
        .bad("date_of_birth", "2026-03-15", "is not in the past"),
        .bad("date_of_birth", "1899-12-31", "before 1900"),
        .ok("date_of_birth", "2026-03-14"),
        .ok("itemization_date", "2026-03-15"),
        .bad("itemization_date", "2026-03-16", "2026-03-16 is in the future (today is 2026-03-15)"),
        .bad("itemization_date", "", "is required"),
        .bad("charge_off_date", "2027-01-01", "is in the future"),
        .bad("last_payment_date", "2026-04-01", "is in the future"),
        .bad("delinquency_date", "2026-13-01", "is not a real calendar date"),
        .bad("open_date", "2030-01-01", "is in the future"),
        // SSN: never echoed.
        .ok("ssn", "123456789"),
        .bad("ssn", "12345678", "is not 9 digits (dashes allowed)"),
        .bad("ssn", "123-45-67890", "is not 9 digits"),
        .bad("ssn", "123 45 6789", "is not 9 digits"),
        .bad("ssn", "000-12-3456", "is not a possible SSN"),
        .bad("ssn", "666-12-3456", "is not a possible SSN"),
        .bad("ssn", "123-00-4567", "is not a possible SSN"),
        .bad("ssn", "123-45-0000", "is not a possible SSN"),
        .ok("ssn", "912-70-1234"),  // ITIN-shaped: accepted
        // Address.
        .ok("state", "ma"), .ok("state", "PR"), .ok("state", "DC"), .ok("state", "AE"),
        .bad("state", "XX", "'XX' is not a US state, DC or territory code"),
        .bad("state", "Mass", "is not a US state"),
        .ok("postal_code", "02139-4307"),
        .bad("postal_code", "2139", "a spreadsheet may have dropped its leading zeros"),
        .bad("postal_code", "02139-43", "is not a ZIP code (5 digits, or ZIP+4 as 12345-6789)"),
        .bad("postal_code", "K1A 0B1", "is not a ZIP code"),
        // Phones.
        .ok("phone1", "+1 617 555 0142"), .ok("phone1", "16175550142"), .ok("phone1", "617.555.0142"),
        .bad("phone1", "555-0142", "is not a North American phone number"),
        .bad("phone2", "(117) 555-0142", "is not a North American phone number"),
        .bad("phone3", "617-155-0142", "is not a North American phone number"),
        .bad("phone1", "617-555-0142 x12", "is not a North American phone number"),
        .ok("phone1_type", "MOBILE"), .ok("phone1_type", "voip"), .ok("phone1_type", ""),
        .bad("phone1_type", "cell", "'cell' is not one of mobile, landline, voip, unknown"),
        .bad("phone3_type", "pager", "is not one of"),
        .ok("phone1_consent", "y"), .ok("phone1_consent", "N"),
        .bad("phone1_consent", "yes", "'yes' is not Y or N"),
        .bad("phone2_consent", "1", "is not Y or N"),
        // Email.
        .ok("email", "a.b+c@sub.example.co"), .ok("email", "josé@correo.example.mx"),
        .bad("email", "maria@", "is not an email address"),
        .bad("email", "maria@example", "is not an email address"),
        .bad("email", "maria@@example.com", "is not an email address"),
        .bad("email", "maria lopez@example.com", "is not an email address"),
        .bad("email", ".maria@example.com", "is not an email address"),
        .bad("email", "ma..ria@example.com", "is not an email address"),
        .bad("email", "maria@-example.com", "is not an email address"),
        .bad("email", "maria@example..com", "is not an email address"),
        .bad("email", "maria@example.c", "is not an email address"),
        .bad("email", "maria@10.0.0.1", "is not an email address"),
        .bad("email", String(repeating: "a", count: 250) + "@x.com", "longer than 254"),
        // Vocabularies.
        .ok("product", "Student_Loan"),
        .bad("product", "mortgage", "'mortgage' is not one of credit_card, medical, auto, utility, telecom, student_loan, other"),
        .ok("itemization_date_type", "JUDGMENT"),
        .bad("itemization_date_type", "chargeoff", "is not one of last_statement, charge_off, last_payment, transaction, judgment"),
        .bad("itemization_date_type", "", "is required"),
        .ok("language", "en"), .ok("language", "EN"), .ok("language", "vi"),
        .bad("language", "sp", "'sp' is not an ISO 639-1 language code"),
        .bad("language", "eng", "is not an ISO 639-1"),
        .bad("language", "spanish", "is not an ISO 639-1"),
        // Amounts (each also breaks the sum, which is then not checked).
        .bad("itemization_amount", "", "is required"),
        .bad("itemization_amount", "$1000.00", "is not a plain amount"),
        .bad("itemization_amount", "1,000.00", "is not a plain amount"),
        .bad("itemization_amount", "1000.", "is not a plain amount"),
        .bad("itemization_amount", ".50", "is not a plain amount"),
        .bad("itemization_amount", "1e3", "is not a plain amount"),
        .bad("itemization_amount", "1000.001", "has more than 2 decimals"),
        .bad("itemization_amount", "-1000.00", "is negative"),
        .bad("interest_since", "-1", "is negative"),
        .bad("fees_since", "35,00", "is not a plain amount"),
        .bad("payments_since", "1 00", "is not a plain amount"),
        .bad("credits_since", "5.555", "more than 2 decimals"),
        .bad("current_balance", "", "is required"),
        .bad("current_balance", "1234567890123456", "is too large"),
        // The sum, to the cent.
        .bad("current_balance", "950.01", "is 950.01 but itemization_amount + interest_since + fees_since - payments_since - credits_since is 950.00 (1000.00 + 20.00 + 35.00 - 100.00 - 5.00)"),
        .ok("current_balance", "950"),
        .ok("current_balance", " 950.0 "),
    ]

    @Test("each cell rule accepts or rejects, naming the column", arguments: cases)
    func cellRule(_ c: PlacementCellCase) throws {
        let errors = try PlacementFixture.errors([c.column: c.value])
        if let message = c.message {
            #expect(errors.count == 1, "\(errors)")
            let error = try #require(errors.first)
            #expect(error.column == c.column)
            #expect(error.line == 2)
            #expect(error.message.contains(message), "\(error.message)")
        } else {
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    @Test("a current balance that does not add up is rejected, naming the column")
    func balanceMustAddUp() throws {
        let errors = try PlacementFixture.errors(["current_balance": "949.99"])
        #expect(errors == [PlacementRowError(line: 2, column: "current_balance", message:
            "is 949.99 but itemization_amount + interest_since + fees_since - payments_since - credits_since is 950.00 "
            + "(1000.00 + 20.00 + 35.00 - 100.00 - 5.00); it must add up to the cent")])
        // Optional amounts absent count as 0.
        let none = ["interest_since": "", "fees_since": "", "payments_since": "", "credits_since": ""]
        #expect(try PlacementFixture.errors(none.merging(["current_balance": "1000.00"]) { $1 }).isEmpty)
        #expect(try PlacementFixture.errors(none).map(\.column) == ["current_balance"])
        // A balance that would be negative never adds up.
        #expect(try PlacementFixture.errors(["payments_since": "2000.00", "current_balance": "0"]).map(\.column) == ["current_balance"])
    }

    @Test("every error in a row is reported, one per bad column, in spec order")
    func everyError() throws {
        let errors = try PlacementFixture.errors([
            "first_name": "", "ssn": "12", "state": "ZZ", "phone2": "12", "phone2_consent": "maybe",
            "email": "x", "product": "boat", "itemization_date": "2099-01-01", "fees_since": "abc", "language": "xx",
        ])
        #expect(errors.map(\.column) == ["first_name", "ssn", "state", "phone2", "phone2_consent", "email", "product",
                                         "itemization_date", "fees_since", "language"])
        #expect(Set(errors.map(\.line)) == [2])
    }

    @Test("no message ever contains the SSN")
    func ssnNeverEchoed() throws {
        for ssn in ["123-45-678", "000-00-0000", "1234567890", "123-45-678X", "666-12-3456"] {
            let errors = try PlacementFixture.errors(["ssn": ssn])
            #expect(errors.map(\.column) == ["ssn"])
            let digits = String(ssn.filter(\.isNumber))
            #expect(errors.allSatisfy { !$0.message.contains(ssn) && !$0.message.contains(digits) })
        }
        // The record holds the SSN, but printing it shows it masked.
        let record = try #require(try PlacementFixture.record([:]))
        #expect("\(String(describing: record))".contains("123-45-6789") == false)
    }

    @Test("long values are cut in messages")
    func longValuesCut() throws {
        let errors = try PlacementFixture.errors(["state": String(repeating: "Q", count: 500)])
        #expect(errors.first.map { $0.message.count < 150 } == true)
        #expect(errors.first?.message.contains("…") == true)
    }

    @Test("values are normalized where the spec allows: trimmed, state upper case, language lower case, ZIP+4 dash")
    func normalization() throws {
        let record = try #require(try PlacementFixture.record([
            "account_number": "  ACC-77 ", "state": "ma", "language": "ES", "postal_code": "021394307", "phone1_type": "Landline",
        ]))
        #expect(record.accountNumber == "ACC-77")
        #expect(record.address.state == "MA")
        #expect(record.language == "es")
        #expect(record.address.postalCode == "02139-4307")
        #expect(record.phones.first?.lineType == .landline)
    }

    @Test("phones: absent ones skipped, order kept, types default unknown, consent default N")
    func phones() throws {
        let record = try #require(try PlacementFixture.record([
            "phone1": "", "phone1_type": "", "phone1_consent": "",
            "phone2": "212-555-0100", "phone2_type": "", "phone2_consent": "",
            "phone3": "(303) 555-0199", "phone3_type": "voip", "phone3_consent": "Y",
        ]))
        #expect(record.phones == [
            ContactPhone(number: try PhoneNumber(parsing: "2125550100"), lineType: .unknown, autodialerConsent: false),
            ContactPhone(number: try PhoneNumber(parsing: "3035550199"), lineType: .voip, autodialerConsent: true),
        ])
    }

    @Test("the parser's amounts agree with Money(parsing:) on non-negative amounts")
    func amountsAgreeWithMoney() throws {
        for text in ["0", "0.0", "00.00", "7", "7.5", "7.05", "12345678901234.99", "1.", ".1", "1.2.3", "+1", "1,0", "１２", "1.999"] {
            let money = try? Money(parsing: text)
            let record = try PlacementFixture.record(["credits_since": text, "current_balance": "955.00",
                                                      "payments_since": "100.00"].merging(
                money.map { ["current_balance": Money(cents: 95_500 - $0.cents).decimalString] } ?? [:]) { $1 })
            if let money, money.cents <= 95_500 {
                #expect(record?.itemization.creditsSince == money, "\(text)")
            } else if money == nil {
                #expect(record == nil, "\(text)")
            }
        }
    }
}
