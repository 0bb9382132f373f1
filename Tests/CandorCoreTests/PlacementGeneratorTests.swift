import CandorCore
import Testing

@Suite("Demo placement generator")
struct PlacementGeneratorTests {
    static let today = PlacementFixture.today

    static func file(seed: UInt64, rows: Int) -> [UInt8] {
        let generator = DemoPlacementGenerator(seed: seed, today: today)
        var text = generator.header + "\n"
        for index in 0..<rows { text += generator.row(index) + "\n" }
        return Array(text.utf8)
    }

    @Test("10,000 rows from each of several seeds all validate, with unique account numbers", arguments: [0, 1, 42, 20_260_315] as [UInt64])
    func rowsValidate(seed: UInt64) throws {
        let (results, ignored) = try PlacementParser.parse(Self.file(seed: seed, rows: 10_000), today: Self.today)
        #expect(ignored.isEmpty)
        #expect(results.count == 10_000)
        let rejected = results.filter { $0.record == nil }
        #expect(rejected.isEmpty, "\(rejected.prefix(3))")
        let records = results.compactMap(\.record)
        #expect(Set(records.map(\.accountNumber)).count == records.count)
        #expect(records.map(\.line) == Array(2..<10_002))
        // Realistic mix.
        #expect(records.contains { $0.language == "es" } && records.contains { $0.language == "en" })
        #expect(records.contains { $0.address.line1?.contains(",") == true })
        #expect(records.contains { $0.phones.count == 3 })
        #expect(records.contains { $0.phones.contains { $0.lineType == .mobile && $0.autodialerConsent } })
        #expect(records.contains { $0.phones.contains { $0.lineType == .landline } })
        #expect(Set(records.compactMap(\.product)) == Set(Account.Product.allCases))
        #expect(Set(records.map(\.itemization.dateType)) == Set(Itemization.DateType.allCases))
        #expect(records.allSatisfy { $0.itemization.date <= Self.today && $0.currentBalance >= .zero })
        #expect(records.contains { $0.ssn == nil } && records.contains { $0.ssn != nil })
    }

    @Test("state, ZIP and phone area codes are consistent (home phones of the city's area codes)")
    func consistentPlaces() throws {
        let records = try PlacementParser.parse(Self.file(seed: 7, rows: 2_000), today: Self.today).results.compactMap(\.record)
        let zipPrefixes: [String: Set<String>] = ["MA": ["01", "02"], "TX": ["75", "77", "78", "79"], "CA": ["90", "92", "94", "95"],
                                                  "FL": ["32", "33"], "NY": ["10", "11", "14"], "PR": ["00"]]
        for record in records {
            let state = try #require(record.address.state)
            if let prefixes = zipPrefixes[state], let zip = record.address.postalCode {
                #expect(prefixes.contains(String(zip.prefix(2))), "\(state) \(zip)")
            }
        }
        // Most first phones carry the area code of the city.
        let pensacola = records.filter { $0.address.city == "Pensacola" }
        #expect(!pensacola.isEmpty)
        #expect(pensacola.filter { $0.phones.first?.number.areaCode == "850" }.count * 10 >= pensacola.count * 7)
    }

    @Test("rows are deterministic per seed and index, and differ across seeds")
    func deterministic() {
        let a = DemoPlacementGenerator(seed: 99, today: Self.today)
        let b = DemoPlacementGenerator(seed: 99, today: Self.today)
        #expect((0..<200).map(a.row) == (0..<200).map(b.row))
        #expect(a.row(150) == b.row(150))  // any order
        let c = DemoPlacementGenerator(seed: 100, today: Self.today)
        #expect((0..<50).map(a.row) != (0..<50).map(c.row))
        #expect(a.header == PlacementColumn.allCases.map(\.name).joined(separator: ","))
    }

    @Test("everything is fictional: 555-01XX phones, example.* emails, SSN areas 900-999")
    func fictional() throws {
        let records = try PlacementParser.parse(Self.file(seed: 3, rows: 2_000), today: Self.today).results.compactMap(\.record)
        for record in records {
            #expect(record.phones.allSatisfy { $0.number.e164.dropFirst(5).hasPrefix("55501") })
            if let email = record.email { #expect(email.contains("@example.") || email.contains("@mail.example.")) }
            if let ssn = record.ssn { #expect(ssn.digits.hasPrefix("9")) }
        }
    }
}
