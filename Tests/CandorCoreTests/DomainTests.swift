import CandorCore
import Foundation
import Testing

@Suite("Domain values: LocalDate, PhoneNumber, SSN")
struct DomainTests {
    @Test("LocalDate parses YYYY-MM-DD and rejects the rest")
    func localDateParsing() throws {
        #expect(try LocalDate(parsing: "2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(throws: LocalDate.ParseError.invalid("2023-02-29")) { try LocalDate(parsing: "2023-02-29") }
        #expect(throws: LocalDate.ParseError.invalid("1900-02-29")) { try LocalDate(parsing: "1900-02-29") }
        #expect(try LocalDate(parsing: "2000-02-29").day == 29)
        for bad in ["2024-2-29", "20240229", "2024/02/29", "2024-02-2x", " 2024-02-29", ""] {
            #expect(throws: LocalDate.ParseError.format(bad)) { try LocalDate(parsing: bad) }
        }
        #expect(throws: LocalDate.ParseError.invalid("2024-04-31")) { try LocalDate(parsing: "2024-04-31") }
        #expect(LocalDate(year: 2024, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
    }

    @Test("LocalDate day arithmetic round-trips and orders", arguments: [0, 1, 59, 365, -1, -719_468, 2_932_896, 20_527])
    func localDateDays(days: Int) {
        let date = LocalDate(daysSinceEpoch: days)
        #expect(date.daysSinceEpoch == days)
        #expect(date.adding(days: 1) > date)
        #expect(date.adding(days: 1).adding(days: -1) == date)
    }

    @Test("LocalDate: epoch, UTC instants, text and JSON")
    func localDateConversions() throws {
        #expect(LocalDate(daysSinceEpoch: 0) == LocalDate(year: 1970, month: 1, day: 1))
        #expect(LocalDate(utcSecondsSinceEpoch: 1_773_532_800) == LocalDate(year: 2026, month: 3, day: 15))
        #expect(LocalDate(utcSecondsSinceEpoch: -1) == LocalDate(year: 1969, month: 12, day: 31))
        #expect(LocalDate(year: 2024, month: 2, day: 28)!.adding(days: 1) == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(year: 987, month: 3, day: 4)!.description == "0987-03-04")
        let json = try JSONEncoder().encode([LocalDate(year: 2026, month: 1, day: 5)!])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2026-01-05\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [LocalDate(year: 2026, month: 1, day: 5)!])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data("[\"2026-1-5\"]".utf8)) }
    }

    @Test("every day of 1900–2100 survives the epoch round trip, in order")
    func localDateExhaustive() {
        var previous = LocalDate(year: 1899, month: 12, day: 31)!.daysSinceEpoch
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = LocalDate(year: year, month: month, day: day) else { continue }
                    #expect(date.daysSinceEpoch == previous + 1)
                    previous = date.daysSinceEpoch
                    if LocalDate(daysSinceEpoch: previous) != date { Issue.record("\(date)") }
                }
            }
        }
    }

    @Test("NANP numbers in any punctuation become E.164", arguments: [
        "(617) 555-0142", "617-555-0142", "617.555.0142", "6175550142", "+1 617 555 0142", "1-617-555-0142", "+16175550142",
    ])
    func phoneParsing(text: String) throws {
        let phone = try PhoneNumber(parsing: text)
        #expect(phone.e164 == "+16175550142")
        #expect(phone.areaCode == "617")
        #expect(phone.formatted == "(617) 555-0142")
        #expect("\(phone)" == "+16175550142")
    }

    @Test("numbers outside the NANP plan are rejected", arguments: [
        "555-0142", "617555014", "61755501421", "2-617-555-0142", "(017) 555-0142", "(117) 555-0142", "617-055-0142",
        "617-155-0142", "617-555-0142 ext 4", "617/555/0142", "", "+44 20 7946 0958",
    ])
    func phoneRejects(text: String) {
        #expect(throws: PhoneNumber.ParseError.notNANP(text)) { try PhoneNumber(parsing: text) }
    }

    @Test("PhoneNumber JSON is the E.164 string")
    func phoneJSON() throws {
        let json = try JSONEncoder().encode([try PhoneNumber(parsing: "212 555 0100")])
        #expect(String(decoding: json, as: UTF8.self) == "[\"+12125550100\"]")
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: json).first?.areaCode == "212")
    }

    @Test("SSNs parse from 9 digits with dashes, and only ever print masked")
    func ssn() throws {
        let ssn = try SSN(parsing: "123-45-6789")
        #expect(ssn.digits == "123456789")
        #expect(ssn.lastFour == "6789")
        #expect(ssn.masked == "***-**-6789")
        #expect("\(ssn)" == "***-**-6789")
        #expect(String(describing: [ssn]).contains("6789") && !String(describing: [ssn]).contains("12345"))
        #expect(try SSN(parsing: "123456789") == ssn)
        #expect(SSN.masked(lastFour: "0001") == "***-**-0001")
        for bad in ["12345678", "1234567890", "123-45-678a", "", "123.45.6789"] {
            #expect(throws: SSN.ParseError.invalid) { try SSN(parsing: bad) }
        }
    }
}
