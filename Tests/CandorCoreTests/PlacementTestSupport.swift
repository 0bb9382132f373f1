import CandorCore
import Foundation

/// Shared helpers for the placement tests.
enum PlacementFixture {
    static let today = LocalDate(year: 2026, month: 3, day: 15)!

    /// A valid row: every column filled, balance adding up (1000.00 + 20.00 + 35.00 − 100.00 − 5.00).
    static let validRow: [String: String] = [
        "account_number": "ACC-1", "first_name": "María José", "last_name": "Núñez",
        "date_of_birth": "1980-05-17", "ssn": "123-45-6789",
        "address_line1": "12 Elm St, Apt 4", "address_line2": "Rear", "city": "Cambridge", "state": "MA",
        "postal_code": "02139", "phone1": "(617) 555-0142", "phone1_type": "mobile", "phone1_consent": "Y",
        "phone2": "617.555.0100", "phone2_type": "landline", "phone2_consent": "n",
        "phone3": "", "phone3_type": "", "phone3_consent": "",
        "email": "maria.nunez@example.org", "original_creditor": "First Harbor Bank",
        "current_creditor": "Granite Recovery Fund LLC", "product": "credit_card",
        "itemization_date_type": "charge_off", "itemization_date": "2025-11-30", "itemization_amount": "1000.00",
        "interest_since": "20", "fees_since": "35.0", "payments_since": "100.00", "credits_since": "5.00",
        "current_balance": "950.00", "charge_off_date": "2025-11-30", "last_payment_date": "2025-10-02",
        "delinquency_date": "2025-06-01", "open_date": "2019-01-15", "language": "es",
    ]

    static let allColumns = PlacementColumn.allCases.map(\.name)

    /// RFC 4180 CSV text of `rows` under `columns`, LF line ends, final newline.
    static func csv(_ rows: [[String: String]], columns: [String] = allColumns) -> String {
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            text += columns.map { DemoPlacementGenerator.csvField(row[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The valid row with some cells changed.
    static func row(_ changes: [String: String]) -> [String: String] {
        validRow.merging(changes) { $1 }
    }

    static func parse(_ text: String) throws(PlacementFileError) -> [PlacementRowResult] {
        try PlacementParser.parse(Array(text.utf8), today: today).results
    }

    static func parse(bytes: [UInt8], chunkSize: Int) throws(PlacementFileError) -> (results: [PlacementRowResult], ignored: [String]) {
        var parser = PlacementParser(today: today)
        var results: [PlacementRowResult] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            results += try parser.feed(bytes[start..<end])
            start = end
        }
        results += try parser.finish()
        return (results, parser.ignoredColumns)
    }

    /// The errors of the single row of a one-row file built from `changes`.
    static func errors(_ changes: [String: String], columns: [String] = allColumns) throws -> [PlacementRowError] {
        let results = try parse(csv([row(changes)], columns: columns))
        guard results.count == 1 else { throw FixtureError.unexpectedRowCount(results.count) }
        return results[0].errors
    }

    static func record(_ changes: [String: String], columns: [String] = allColumns) throws -> PlacementRecord? {
        let results = try parse(csv([row(changes)], columns: columns))
        guard results.count == 1 else { throw FixtureError.unexpectedRowCount(results.count) }
        return results[0].record
    }

    static func fileError(_ bytes: [UInt8]) -> PlacementFileError? {
        do { _ = try PlacementParser.parse(bytes, today: today); return nil } catch { return error }
    }

    enum FixtureError: Error { case unexpectedRowCount(Int) }

    /// `shared/` beside the package root (`/work/shared` for `/work/main`); symlinked test
    /// files are resolved first so a scratch package finds it too.
    static var sharedDirectory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }
}
