import CandorCore
import Testing

@Suite("Money")
struct MoneyTests {
    @Test("plain decimals parse to exact cents", arguments: [
        ("0", 0), ("1234", 123_400), ("1234.5", 123_450), ("1234.56", 123_456), ("0.01", 1), ("-12.00", -1_200),
        ("007.10", 710), ("999999999999999.99", 99_999_999_999_999_999),
    ] as [(String, Int64)])
    func parses(text: String, cents: Int64) throws {
        #expect(try Money(parsing: text) == Money(cents: cents))
    }

    @Test("anything but a plain decimal is rejected", arguments: [
        ("", Money.ParseError.empty), ("-", .notADecimal("-")), ("$12", .notADecimal("$12")), ("1,234.00", .notADecimal("1,234.00")),
        ("1.2.3", .notADecimal("1.2.3")), ("12.", .notADecimal("12.")), (".5", .notADecimal(".5")), ("1e3", .notADecimal("1e3")),
        (" 12", .notADecimal(" 12")), ("+12", .notADecimal("+12")), ("12.345", .tooManyDecimals("12.345")),
        ("1234567890123456", .outOfRange("1234567890123456")),
    ] as [(String, Money.ParseError)])
    func rejects(text: String, error: Money.ParseError) {
        #expect(throws: error) { try Money(parsing: text) }
    }

    @Test("formatting: plain for files, grouped with a dollar sign for people")
    func formatting() {
        #expect(Money(cents: 123_456).decimalString == "1234.56")
        #expect(Money(cents: 5).decimalString == "0.05")
        #expect(Money(cents: -1_200).decimalString == "-12.00")
        #expect(Money(cents: 123_456_789).formatted == "$1,234,567.89")
        #expect(Money(cents: 100_000).formatted == "$1,000.00")
        #expect(Money(cents: 99_999).formatted == "$999.99")
        #expect(Money(cents: -5).formatted == "-$0.05")
        #expect(Money.zero.formatted == "$0.00")
        #expect("\(Money(cents: 250))" == "$2.50")
    }

    @Test("decimalString round-trips through parsing for any amount")
    func roundTrip() throws {
        var rng = DomainTestRNG(seed: 11)
        for _ in 0..<5_000 {
            let cents = Int64(bitPattern: rng.next()) % 1_000_000_000_000_000
            #expect(try Money(parsing: Money(cents: cents).decimalString) == Money(cents: cents))
        }
    }

    @Test("arithmetic and ordering are exact")
    func arithmetic() {
        var m = Money(cents: 10) + Money(cents: 20) - Money(cents: 5)
        #expect(m == Money(cents: 25))
        m += Money(cents: 75); m -= Money(cents: 1)
        #expect(m == Money(cents: 99) && -m == Money(cents: -99) && (-m).isNegative)
        #expect(Money(cents: 1) > .zero && Money(cents: -1) < .zero)
    }
}

typealias DomainTestRNG = SplitMix64
