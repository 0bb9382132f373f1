/// Realistic, valid, deterministic placement rows for demos and benchmarks
/// (`candor demo placements --rows N --seed S`, the server's `--demo`).
///
/// Row `i` depends only on (seed, i, today), so rows can be made in any order or in
/// parallel. Everything is fictional by construction: phone numbers are 555-01XX (reserved
/// for fiction), SSNs have area 900–999 (never issued as SSNs), emails are on example.*
/// domains. City, state, ZIP and area code are consistent with each other.
public struct DemoPlacementGenerator: Sendable {
    public let seed: UInt64
    public let today: LocalDate

    public init(seed: UInt64, today: LocalDate) {
        self.seed = seed
        self.today = today
    }

    /// The header line (no line end): every spec column, in the spec's order.
    public var header: String {
        PlacementColumn.allCases.map(\.name).joined(separator: ",")
    }

    /// The account number of row `index`: unique per index, stable per seed.
    public func accountNumber(_ index: Int) -> String {
        "D\(Self.pad(Int(seed % 10_000), 4))-\(Self.pad(index, 9))"
    }

    /// One valid CSV row (no line end), fields in `header` order.
    public func row(_ index: Int) -> String {
        var rng = DemoRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66_D1CE_4E5B)
        var cells = [String](repeating: "", count: PlacementColumn.allCases.count)
        func set(_ column: PlacementColumn, _ value: String) { cells[column.rawValue] = value }
        typealias D = DemoPlacementData

        set(.accountNumber, accountNumber(index))
        // Who: a third Spanish names (and `es` for most of them), some Asian names.
        let origin = rng.next(100)
        let (firstNames, lastNames) = origin < 33 ? (D.spanishFirstNames, D.spanishLastNames)
            : origin < 40 ? (D.asianFirstNames, D.asianLastNames) : (D.englishFirstNames, D.englishLastNames)
        let first = rng.pick(firstNames)
        var last = rng.pick(lastNames)
        if origin < 33, rng.chance(30) { last += " " + rng.pick(D.spanishLastNames) }  // two surnames
        set(.firstName, first)
        set(.lastName, origin >= 40 && rng.chance(3) ? last + ", Jr." : last)
        if rng.chance(92) { set(.dateOfBirth, today.adding(days: -(21 * 365 + rng.next(60 * 365))).description) }
        if rng.chance(70) {
            set(.ssn, "\(900 + rng.next(100))-\(Self.pad(1 + rng.next(99), 2))-\(Self.pad(1 + rng.next(9999), 4))")
        }

        // Where: consistent city, state, ZIP, area code.
        let city = rng.pick(D.cities)
        var line1 = "\(1 + rng.next(rng.chance(80) ? 999 : 19_999)) \(rng.pick(D.streets)) \(rng.pick(D.streetSuffixes))"
        let unit = "\(rng.pick(D.units)) \(1 + rng.next(40))\(rng.chance(30) ? String(UnicodeScalar(UInt8(65 + rng.next(6)))) : "")"
        switch rng.next(10) {
        case 0, 1: line1 += ", " + unit  // a comma inside a field: quoted in the file
        case 2: set(.addressLine2, unit)
        default: break
        }
        set(.addressLine1, line1)
        set(.city, city.name)
        set(.state, city.state)
        set(.postalCode, rng.pick(city.zips) + (rng.chance(15) ? "-\(Self.pad(1 + rng.next(9998), 4))" : ""))

        // Phones: 1–3, mostly the home area code, mobile/landline mix, consent mostly on mobiles.
        let phoneCount = 1 + (rng.chance(45) ? 1 : 0) + (rng.chance(15) ? 1 : 0)
        for k in 0..<phoneCount {
            let area = rng.chance(85) ? rng.pick(city.areaCodes) : rng.pick(rng.pick(D.cities).areaCodes)
            set(PlacementColumn.phoneNumbers[k], Self.formatPhone(area: area, line: Self.pad(100 + rng.next(100), 4), style: rng.next(5)))
            let type: String, consentChance: Int
            switch rng.next(100) {
            case 0..<55: (type, consentChance) = ("mobile", 60)
            case 55..<85: (type, consentChance) = ("landline", 25)
            case 85..<90: (type, consentChance) = ("voip", 30)
            default: (type, consentChance) = (rng.chance(50) ? "unknown" : "", 10)
            }
            set(PlacementColumn.phoneTypes[k], type)
            let consent = rng.chance(consentChance) ? "Y" : (rng.chance(80) ? "N" : "")
            set(PlacementColumn.phoneConsents[k], consent)
        }
        if rng.chance(55) {
            let local = D.ascii(first) + (rng.chance(50) ? "." : "") + D.ascii(last) + (rng.chance(40) ? "\(rng.next(100))" : "")
            set(.email, "\(local)@\(rng.pick(D.emailDomains))")
        }

        // What: product, creditors, Reg F itemization that adds up.
        let profile = rng.pick(D.products)
        let creditor = rng.pick(profile.creditors)
        set(.product, profile.product.rawValue)
        set(.originalCreditor, creditor)
        set(.currentCreditor, rng.chance(20) ? rng.pick(D.debtBuyers) : creditor)
        let dateType = rng.pick(profile.dateTypes)
        let itemizationDate = today.adding(days: -(20 + rng.next(900)))
        set(.itemizationDateType, dateType.rawValue)
        set(.itemizationDate, itemizationDate.description)
        let amount = profile.cents.lowerBound + Int64(rng.next(Int(profile.cents.upperBound - profile.cents.lowerBound)))
        let interest = profile.interest && rng.chance(35) ? Int64(rng.next(Int(amount / 10) + 1)) : 0
        let fees = rng.chance(20) ? Int64([2500, 3500, 3900, 1500][rng.next(4)]) : 0
        let payments = rng.chance(30) ? Int64(rng.next(Int(amount / 2) + 1)) : 0
        let credits = rng.chance(5) ? Int64(rng.next(Int(amount / 20) + 1)) : 0
        set(.itemizationAmount, Self.amount(amount))
        set(.interestSince, Self.amount(interest, zeroStyle: rng.next(3)))
        set(.feesSince, Self.amount(fees, zeroStyle: rng.next(3)))
        set(.paymentsSince, Self.amount(payments, zeroStyle: rng.next(3)))
        set(.creditsSince, Self.amount(credits, zeroStyle: rng.next(3)))
        set(.currentBalance, Self.amount(amount + interest + fees - payments - credits))

        // History, consistent with the itemization date and never in the future.
        let chargeOff = dateType == .chargeOff ? itemizationDate : itemizationDate.adding(days: -rng.next(120))
        if dateType == .chargeOff || rng.chance(40) { set(.chargeOffDate, chargeOff.description) }
        let delinquency = chargeOff.adding(days: -(150 + rng.next(31)))
        if rng.chance(60) { set(.delinquencyDate, delinquency.description) }
        if dateType == .lastPayment {
            set(.lastPaymentDate, itemizationDate.description)
        } else if rng.chance(65) {
            set(.lastPaymentDate, min(delinquency.adding(days: -rng.next(60) + (payments > 0 ? 200 : 0)), today).description)
        }
        if rng.chance(75) { set(.openDate, delinquency.adding(days: -(200 + rng.next(3650))).description) }
        let language: String
        switch origin {
        case 0..<33: language = rng.chance(70) ? "es" : "en"
        case 33..<40: language = rng.chance(25) ? (rng.chance(50) ? "vi" : "zh") : "en"
        default: language = rng.chance(90) ? "en" : ""
        }
        set(.language, language)

        return cells.map(Self.csvField).joined(separator: ",")
    }

    // MARK: - Formatting

    static func formatPhone(area: String, line: String, style: Int) -> String {
        switch style {
        case 0: return "(\(area)) 555-\(line)"
        case 1: return "\(area)-555-\(line)"
        case 2: return "\(area)555\(line)"
        case 3: return "+1 \(area) 555 \(line)"
        default: return "\(area).555.\(line)"
        }
    }

    /// `1234.50`; zeros vary as client files do (`0`, `0.00`, empty).
    static func amount(_ cents: Int64, zeroStyle: Int = 1) -> String {
        if cents == 0 { return ["0", "0.00", ""][zeroStyle] }
        return Money(cents: cents).decimalString
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; inner quotes doubled.
    public static func csvField(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return value }
        var out = "\""
        for character in value { out += character == "\"" ? "\"\"" : String(character) }
        return out + "\""
    }
}

typealias DemoRandom = SplitMix64

extension SplitMix64 {
    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}
