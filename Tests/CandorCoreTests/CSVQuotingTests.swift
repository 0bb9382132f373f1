import CandorCore
import Testing

@Suite("Placement files: RFC 4180 quoting")
struct CSVQuotingTests {
    /// Parses a one-row file whose `first_name` cell is written raw (already quoted or not).
    static func firstName(raw: String) throws -> PlacementRowResult {
        var text = PlacementFixture.csv([PlacementFixture.row(["first_name": "@@"])])
        text = text.replacingOccurrences(of: ",@@,", with: "," + raw + ",")
        let results = try PlacementFixture.parse(text)
        #expect(results.count == 1)
        return results[0]
    }

    @Test("quoted values: commas, doubled quotes, empty, spaces kept inside then trimmed", arguments: [
        ("\"Li, Wei\"", "Li, Wei"),
        ("\"Robert \"\"Bob\"\"\"", "Robert \"Bob\""),
        ("\"\"\"\"", "\""),
        ("\"  Ana \"", "Ana"),
        ("Ana", "Ana"),
        ("\"José\"", "José"),
    ])
    func quotedValues(raw: String, value: String) throws {
        #expect(try Self.firstName(raw: raw).record?.firstName == value)
    }

    @Test("an empty quoted value is absent, like an empty cell")
    func emptyQuoted() throws {
        #expect(try Self.firstName(raw: "\"\"").errors.map(\.column) == ["first_name"])
    }

    @Test("quoting mistakes in a kept column reject the row, naming the column", arguments: [
        ("Ana\"", "is not quoted"),
        ("\"Ana\"x", "text after its closing"),
        (" \"Ana\"", "is not quoted"),
    ])
    func quotingMistakes(raw: String, message: String) throws {
        let errors = try Self.firstName(raw: raw).errors
        #expect(errors.map(\.column) == ["first_name"])
        #expect(errors.first?.message.contains(message) == true)
    }

    @Test("a quoted field at the end of a line and of the file closes the row")
    func quotedAtLineEnd() throws {
        var text = PlacementFixture.csv([PlacementFixture.row(["language": ""])])
        text = String(text.dropLast(1)) + "\"es\""  // the last cell, quoted, no final newline
        let results = try PlacementFixture.parse(text)
        #expect(results.first?.record?.language == "es")
    }
}
