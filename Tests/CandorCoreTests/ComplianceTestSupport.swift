import CandorCore
import Foundation

/// Builders and a seeded generator for the compliance tests.
enum Fixture {
    static let engine = ComplianceEngine.standard

    /// An instant from an ISO-8601 literal.
    static func at(_ text: String) -> Date {
        guard let date = ISO8601Instant.parse(text) else { fatalError("bad instant \(text)") }
        return date
    }

    /// A local wall-clock time in an IANA zone, resolved by Foundation (not by the engine's tables).
    static func local(_ zone: String, _ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
    }

    static func account(_ id: String = "A1", state: String? = "NY", zip: String? = "10001",
                        flags: AccountFlags = [], windows: [InconvenientWindow] = [], optOuts: [OptOut] = [],
                        employerProhibits: Bool = false) -> ContactAccount {
        ContactAccount(id: id, state: state.flatMap(USStateCode.init), postalCode: zip.flatMap(ZIPCode.init),
                       flags: flags, inconvenientTimes: windows, optOuts: optOuts,
                       employerProhibitsContact: employerProhibits)
    }

    static func phone(_ number: String = "+12125550101", line: LineType = .landline, place: ContactPlace = .personal,
                      consent: Bool = true) -> ContactPoint {
        ContactPoint(channel: .phone, address: .phone(NANPNumber(e164: number)!), lineType: line, place: place,
                     autodialerConsent: consent)
    }

    static func email(_ address: String = "c@example.org") -> ContactPoint {
        ContactPoint(channel: .email, address: ContactAddress(channel: .email, raw: address))
    }

    static func call(_ at: Date, _ outcome: ContactOutcome = .noAnswer, accounts: [String] = ["A1"],
                     direction: ContactDirection = .outbound, place: ContactPlace = .personal) -> ContactEvent {
        ContactEvent(at: at, channel: .phone, direction: direction, outcome: outcome, place: place, accounts: accounts)
    }

    static func text(_ at: Date, accounts: [String] = ["A1"], place: ContactPlace = .personal) -> ContactEvent {
        ContactEvent(at: at, channel: .sms, outcome: .sent, place: place, accounts: accounts)
    }

    static func request(now: Date, account: ContactAccount = account(), point: ContactPoint = phone(),
                        history: [ContactEvent] = [], channel: ContactChannel? = nil,
                        dialing: DialingMode = .manual, prerecorded: Bool = false) -> ContactRequest {
        ContactRequest(now: now, account: account, contactPoint: point, history: history,
                       proposed: ProposedContact(channel: channel ?? point.channel, dialing: dialing,
                                                 prerecorded: prerecorded))
    }

    static func decide(_ request: ContactRequest) -> ContactDecision { engine.decide(request) }

    /// The same request at another instant.
    static func moved(_ request: ContactRequest, to date: Date) -> ContactRequest {
        var copy = request
        copy.now = date
        return copy
    }

    /// Where ../shared is: beside the package root (resolving a symlinked test file).
    static var sharedDirectory: URL? {
        if let path = ProcessInfo.processInfo.environment["CANDOR_SHARED_DIR"] { return URL(fileURLWithPath: path) }
        let file = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let root = file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }

    static func sharedFile(_ relative: String) -> Data? {
        guard let dir = sharedDirectory else { return nil }
        return try? Data(contentsOf: dir.appendingPathComponent(relative))
    }

    /// A ZIP code whose zones are exactly `{zone}`, found by asking the directory.
    static func zip(inOnly zone: String) -> ZIPCode? { singleZoneZIPs[zone] }

    private static let singleZoneZIPs: [String: ZIPCode] = {
        let directory = engine.zones
        var found: [String: ZIPCode] = [:]
        for value in 0..<100_000 {
            let digits = String(value)
            let zip = ZIPCode(String(repeating: "0", count: 5 - digits.count) + digits)!
            let zones = directory.zones(zip: zip)
            if zones.count == 1, let name = directory.names(of: zones).first, found[name] == nil { found[name] = zip }
        }
        return found
    }()
}

typealias SeededGenerator = SplitMix64
