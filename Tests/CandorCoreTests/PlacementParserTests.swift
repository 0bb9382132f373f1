import CandorCore
import Foundation
import Testing

@Suite("Placement files: structure")
struct PlacementParserTests {
    static let examplePath = PlacementFixture.sharedDirectory.appendingPathComponent("examples/placements-small.csv")
    static let exampleExpectedPath = PlacementFixture.sharedDirectory.appendingPathComponent("examples/placements-small.expected.json")

    @Test("the shared example gives 5 rows, the wrong balance rejected on line 5",
          .enabled(if: FileManager.default.fileExists(atPath: examplePath.path), "shared/examples/placements-small.csv is absent"))
    func sharedExample() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.examplePath))
        let results = try PlacementParser.parse(bytes, today: PlacementFixture.today).results
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.exampleExpectedPath)) as? [String: Any]
        let expectedErrors = expected?["errors"] as? [[String: Any]] ?? []

        #expect(results.count == expected?["rows"] as? Int)
        let rejected = results.filter { $0.record == nil }
        #expect(rejected.count == expected?["rejected"] as? Int)
        #expect(rejected.map(\.line) == expectedErrors.compactMap { $0["line"] as? Int })
        #expect(rejected.flatMap(\.errors).map(\.column) == expectedErrors.compactMap { $0["column"] as? String })
        // Duplicates are the importer's: the parser hands both AC-1001 rows over, as written.
        let accepted = results.compactMap(\.record)
        #expect(accepted.map(\.accountNumber) == ["AC-1001", "AC-1002", "AC-1003", "AC-1001"])
        #expect(accepted.map(\.line) == [2, 3, 4, 6])
        let maria = try #require(accepted.first)
        #expect(maria.phones == [ContactPhone(number: try PhoneNumber(parsing: "6175550142"), lineType: .mobile, autodialerConsent: true)])
        #expect(maria.ssn?.masked == "***-**-6789")
        #expect(maria.currentBalance == Money(cents: 143_250))
        #expect(maria.language == "es")
        #expect(accepted[2].firstName == "Li, Wei")
        #expect(accepted[2].address.line1 == "77 Ocean Ave, Apt 4")
    }

    @Test("a valid row becomes a typed record")
    func validRecord() throws {
        let record = try #require(try PlacementFixture.record([:]))
        #expect(record.line == 2)
        #expect(record.accountNumber == "ACC-1")
        #expect(record.firstName == "María José" && record.lastName == "Núñez")
        #expect(record.dateOfBirth == LocalDate(year: 1980, month: 5, day: 17))
        #expect(record.ssn?.digits == "123456789")
        #expect(record.address == PostalAddress(line1: "12 Elm St, Apt 4", line2: "Rear", city: "Cambridge", state: "MA", postalCode: "02139"))
        #expect(record.phones.map(\.number.e164) == ["+16175550142", "+16175550100"])
        #expect(record.phones.map(\.lineType) == [.mobile, .landline])
        #expect(record.phones.map(\.autodialerConsent) == [true, false])
        #expect(record.email == "maria.nunez@example.org")
        #expect(record.product == .creditCard)
        #expect(record.itemization == Itemization(dateType: .chargeOff, date: LocalDate(year: 2025, month: 11, day: 30)!,
            amount: Money(cents: 100_000), interestSince: Money(cents: 2_000), feesSince: Money(cents: 3_500),
            paymentsSince: Money(cents: 10_000), creditsSince: Money(cents: 500)))
        #expect(record.currentBalance == record.itemization.balanceAtPlacement)
        #expect(record.chargeOffDate == LocalDate(year: 2025, month: 11, day: 30))
        #expect(record.language == "es")
    }

    @Test("a quoted field with line breaks reports the row's first physical line")
    func quotedNewlines() throws {
        let columns = PlacementFixture.allColumns + ["notes"]
        let text = PlacementFixture.csv([
            PlacementFixture.row(["original_creditor": "Harbor\nMedical\r\nGroup"]),  // lines 2–4
            PlacementFixture.row(["account_number": "ACC-2", "notes": "called twice,\nno answer"]),  // lines 5–6
            PlacementFixture.row(["account_number": "ACC-3", "current_balance": "1.00"]),  // line 7
        ], columns: columns)
        let results = try PlacementFixture.parse(text)
        #expect(results.map(\.line) == [2, 5, 7])
        // Kept text must be on one line; the error names the row's first line.
        #expect(results[0].errors == [PlacementRowError(line: 2, column: "original_creditor",
                                                         message: "contains a line break; put the value on one line")])
        #expect(results[1].record?.accountNumber == "ACC-2")
        #expect(results[2].errors.map(\.line) == [7])
    }

    @Test("a UTF-8 byte order mark is skipped, even split across 1-byte chunks")
    func byteOrderMark() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(PlacementFixture.csv([PlacementFixture.validRow]).utf8)
        for size in [1, 2, bytes.count] {
            let parsed = try PlacementFixture.parse(bytes: bytes, chunkSize: size)
            #expect(parsed.results.count == 1 && parsed.results[0].record?.accountNumber == "ACC-1")
            #expect(parsed.ignored.isEmpty)
        }
    }

    @Test("CRLF, LF and lone-CR line ends give the same records and line numbers")
    func lineEnds() throws {
        let lf = PlacementFixture.csv([PlacementFixture.validRow, PlacementFixture.row(["account_number": "ACC-2"])])
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let expected = try PlacementFixture.parse(lf)
        #expect(expected.count == 2 && expected.allSatisfy { $0.record != nil })
        #expect(try PlacementFixture.parse(crlf) == expected)
        #expect(try PlacementFixture.parse(cr) == expected)
        // Without a final line end, and with blank trailing lines.
        #expect(try PlacementFixture.parse(String(crlf.dropLast(1))) == expected)  // "\r\n" is one Character
        #expect(try PlacementFixture.parse(crlf + "\r\n\r\n") == expected)
    }

    @Test("chunk boundaries anywhere: 1-byte, 7-byte and whole-file feeds give identical results")
    func chunkBoundaries() throws {
        var rows = (0..<20).map { PlacementFixture.row(["account_number": "A-\($0)"]) }
        rows[3]["Notes"] = "Say \"hi\",\r\nthen \"\"bye\"\""
        rows[5]["current_balance"] = "1.00"
        rows[7]["email"] = "nope"
        rows[9]["first_name"] = "Zoë 日本 🎉"
        let bytes = [0xEF, 0xBB, 0xBF] + Array(PlacementFixture.csv(rows, columns: PlacementFixture.allColumns + ["Notes"]).utf8)
        let whole = try PlacementFixture.parse(bytes: bytes, chunkSize: bytes.count)
        #expect(whole.results.count == 20)
        #expect(whole.results.filter { $0.record == nil }.map(\.line) == [8, 10])
        #expect(whole.results[9].record?.firstName == "Zoë 日本 🎉")
        for size in [1, 2, 3, 7, 64, 4096] {
            let chunked = try PlacementFixture.parse(bytes: bytes, chunkSize: size)
            #expect(chunked.results == whole.results, "chunk size \(size)")
            #expect(chunked.ignored == ["Notes"])
        }
    }

    @Test("invalid UTF-8 anywhere makes the file unusable, naming the line, whatever the chunking")
    func invalidUTF8() {
        let good = Array(PlacementFixture.csv([PlacementFixture.validRow, PlacementFixture.row(["city": "Boston\nNorth"])]).utf8)
        let cases: [(bytes: [UInt8], line: Int)] = [
            (good + Array("ACC-9,Jos".utf8) + [0xE9] + Array(",X\n".utf8), 5),  // Latin-1 é
            (Array(good.prefix(10)) + [0xFF] + good.dropFirst(10), 1),
            (good + [0xC0, 0xAF], 5),  // overlong '/'
            (good + [0xED, 0xA0, 0x80], 5),  // a UTF-16 surrogate
            (good + [0xF4, 0x90, 0x80, 0x80], 5),  // above U+10FFFF
            (good + [0xE2, 0x82], 5),  // truncated at the end of the file
        ]
        for (bytes, line) in cases {
            for size in [1, 7, bytes.count] {
                #expect(throws: PlacementFileError.notUTF8(line: line)) {
                    _ = try PlacementFixture.parse(bytes: bytes, chunkSize: size)
                }
            }
        }
    }

    @Test("after a file error every call throws it again")
    func stickyFailure() throws {
        var parser = PlacementParser(today: PlacementFixture.today)
        #expect(throws: PlacementFileError.notUTF8(line: 1)) { _ = try parser.feed([0x61, 0x62, 0x63, 0xFF]) }
        #expect(throws: PlacementFileError.notUTF8(line: 1)) { _ = try parser.feed(Array("a,b\n".utf8)) }
        #expect(throws: PlacementFileError.notUTF8(line: 1)) { _ = try parser.finish() }
    }

    @Test("a missing required column makes the file unusable, naming every one missing")
    func missingRequiredColumns() {
        let columns = PlacementFixture.allColumns.filter { $0 != "current_balance" && $0 != "first_name" }
        let text = PlacementFixture.csv([PlacementFixture.validRow], columns: columns)
        #expect(PlacementFixture.fileError(Array(text.utf8)) == .missingRequiredColumns(["first_name", "current_balance"]))
        #expect(PlacementFileError.missingRequiredColumns(["first_name"]).description.contains("first_name"))
    }

    @Test("header names are case-insensitive and in any order; optional columns may be absent")
    func headerOrderAndCase() throws {
        let required = PlacementColumn.allCases.filter(\.isRequired).map(\.name).reversed()
        let row = PlacementFixture.row(["current_balance": "1000.00"])  // absent optional amounts are 0
        let text = required.map { $0 == "current_balance" ? " Current_Balance " : $0.uppercased() }.joined(separator: ",") + "\n"
            + required.map { DemoPlacementGenerator.csvField(row[$0]!) }.joined(separator: ",") + "\n"
        let results = try PlacementFixture.parse(text)
        let record = try #require(results.first?.record)
        #expect(results.count == 1)
        #expect(record.accountNumber == "ACC-1" && record.currentBalance == Money(cents: 100_000))
        #expect(record.phones.isEmpty && record.address.isEmpty && record.ssn == nil && record.language == nil)
    }

    @Test("unknown columns are ignored and listed once, in header order, as written")
    func unknownColumns() throws {
        let columns = ["Notes"] + PlacementFixture.allColumns + ["Branch", "notes", ""]
        let text = PlacementFixture.csv([PlacementFixture.row(["Notes": "x\"y", "Branch": "7"])], columns: columns)
        let parsed = try PlacementFixture.parse(bytes: Array(text.utf8), chunkSize: 1 << 20)
        #expect(parsed.ignored == ["Notes", "Branch", "notes"])
        #expect(parsed.results.first?.record != nil)
    }

    @Test("a known column named twice makes the file unusable")
    func duplicateColumn() {
        let text = PlacementFixture.csv([PlacementFixture.validRow], columns: PlacementFixture.allColumns + ["SSN"])
        #expect(PlacementFixture.fileError(Array(text.utf8)) == .duplicateColumn("SSN"))
    }

    @Test("an empty file, or one of blank lines, has no header")
    func noHeader() {
        #expect(PlacementFixture.fileError([]) == .noHeader)
        #expect(PlacementFixture.fileError([0xEF, 0xBB, 0xBF]) == .noHeader)
        #expect(PlacementFixture.fileError(Array("\n\r\n\n".utf8)) == .noHeader)
    }

    @Test("a header-only file has no rows; blank and comma-only lines are skipped")
    func blankRows() throws {
        #expect(try PlacementFixture.parse(PlacementFixture.csv([])).isEmpty)
        let commas = String(repeating: ",", count: PlacementFixture.allColumns.count - 1)
        let text = PlacementFixture.csv([PlacementFixture.validRow]) + "\n" + commas + "\n"
            + PlacementFixture.csv([PlacementFixture.row(["account_number": "ACC-2"])]).split(separator: "\n")[1] + "\n\n"
        var parser = PlacementParser(today: PlacementFixture.today)
        let results = try parser.feed(Array(text.utf8)) + parser.finish()
        #expect(results.map(\.line) == [2, 5])
        #expect(parser.blankRowsSkipped == 3)
    }

    @Test("a quote never closed makes the file unusable, naming the line it opened on")
    func unterminatedQuote() {
        let text = PlacementFixture.csv([PlacementFixture.validRow]) + "ACC-2,\"Maria,Lopez\nmore"
        #expect(PlacementFixture.fileError(Array(text.utf8)) == .unterminatedQuote(line: 3))
    }

    @Test("a runaway row is stopped at the row limit instead of buffering the file")
    func rowLimit() {
        var bytes = Array(PlacementFixture.csv([]).utf8) + Array("ACC-2,\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: PlacementParser.maxRowBytes + 10)
        #expect(PlacementFixture.fileError(bytes) == .unterminatedQuote(line: 2))
        var unquoted = Array(PlacementFixture.csv([]).utf8)
        unquoted += [UInt8](repeating: UInt8(ascii: "x"), count: PlacementParser.maxRowBytes + 10)
        #expect(PlacementFixture.fileError(unquoted) == .rowTooLong(line: 2, limitBytes: PlacementParser.maxRowBytes))
    }

    @Test("a row with the wrong number of values is rejected as a whole (column '*')")
    func wrongFieldCount() throws {
        var text = PlacementFixture.csv([PlacementFixture.validRow])
        text += "ACC-2,only,three\n"
        text += PlacementFixture.csv([PlacementFixture.row(["account_number": "ACC-3"])]).split(separator: "\n")[1] + ",extra\n"
        let results = try PlacementFixture.parse(text)
        #expect(results.map(\.line) == [2, 3, 4])
        for result in results.dropFirst() {
            #expect(result.errors.count == 1)
            #expect(result.errors.first?.column == PlacementRowError.wholeRow)
            #expect(result.errors.first?.message.contains("header has \(PlacementFixture.allColumns.count) columns") == true)
        }
        #expect(results[1].errors.first?.message.hasPrefix("has 3 values") == true)
    }

    @Test("a stray quote in a kept column rejects the row, naming the column; in an ignored one it does not")
    func quotingMistakes() throws {
        let header = PlacementFixture.allColumns + ["notes"]
        var line = PlacementFixture.csv([PlacementFixture.row(["notes": "z"])], columns: header)
        line = line.replacingOccurrences(of: "Granite Recovery Fund LLC", with: "Granite \"Recovery\" Fund")
        line = line.replacingOccurrences(of: "First Harbor Bank", with: "\"First Harbor\" Bank")
        let errors = try PlacementFixture.parse(line)[0].errors
        #expect(errors.map(\.column) == ["original_creditor", "current_creditor"])
        let ignored = PlacementFixture.csv([PlacementFixture.row(["notes": "z"])], columns: header).replacingOccurrences(of: ",z\n", with: ",z\"q\n")
        #expect(try PlacementFixture.parse(ignored)[0].record != nil)
    }

    @Test("column names in errors are the spec's")
    func columnNames() {
        #expect(PlacementColumn.allCases.map(\.name).count == Set(PlacementColumn.allCases.map(\.name)).count)
        #expect(PlacementColumn.allCases.allSatisfy { PlacementColumn(headerName: $0.name.uppercased()) == $0 })
        #expect(PlacementColumn.allCases.filter(\.isRequired).map(\.name) == ["account_number", "first_name", "last_name",
            "itemization_date_type", "itemization_date", "itemization_amount", "current_balance"])
    }
}
