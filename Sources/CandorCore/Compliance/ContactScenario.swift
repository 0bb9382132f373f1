import Foundation

/// A malformed scenario: which field, and what is wrong with it.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Dotted path of the field, e.g. `contact_point.address` or `history[2].at`.
    public var field: String
    public var problem: String
    public var description: String { "\(field): \(problem)" }
}

/// One scenario of ../shared/spec/contact-decisions.md, read strictly: anything the
/// engine would have to guess about is an error naming the field, never "allowed".
public struct ContactScenario: Sendable, Hashable {
    /// The scenario's `id`, echoed as given (a string or a number).
    public var id: JSONValue
    public var request: ContactRequest

    public init(id: JSONValue, request: ContactRequest) {
        self.id = id
        self.request = request
    }

    /// Reads one scenario object.
    public init(json: JSONValue) throws(ScenarioError) {
        let root = try Fields(json, path: "")
        id = try root.id()
        let now = try root.instant("now")
        let accountFields = try root.object("account")
        let pointFields = try root.object("contact_point")
        let proposedFields = try root.object("proposed")

        // account
        let accountID = try accountFields.string("id")
        var state: USStateCode?
        if let text = try accountFields.optionalString("state") {
            guard let code = USStateCode(text) else {
                throw accountFields.error("state", "not a two-letter state code: \"\(text)\"")
            }
            state = code
        }
        var postalCode: ZIPCode?
        if let text = try accountFields.optionalString("postal_code") {
            guard let zip = ZIPCode(text) else {
                throw accountFields.error("postal_code", "not a US ZIP code (5 digits or ZIP+4): \"\(text)\"")
            }
            postalCode = zip
        }
        var flags = AccountFlags()
        for (i, item) in try accountFields.optionalArray("flags").enumerated() {
            let field = "flags[\(i)]"
            guard case .string(let text) = item, let flag = AccountFlag(rawValue: text) else {
                throw accountFields.error(field, "unknown flag \(Fields.show(item)) (expected one of "
                    + AccountFlag.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            flags.insert(AccountFlags(flag))
        }
        var windows: [InconvenientWindow] = []
        for (i, item) in try accountFields.optionalArray("inconvenient_times").enumerated() {
            windows.append(try Fields(item, path: accountFields.path("inconvenient_times[\(i)]")).inconvenientWindow())
        }
        var optOuts: [OptOut] = []
        for (i, item) in try accountFields.optionalArray("opt_outs").enumerated() {
            let fields = try Fields(item, path: accountFields.path("opt_outs[\(i)]"))
            let channel = try fields.enumeration("channel", ContactChannel.self)
            let address = try fields.string("address")
            if address != "*", channel.usesPhoneNumber, NANPNumber(e164: address) == nil {
                throw fields.error("address", "not a NANP number (+1 and ten digits) or \"*\"")
            }
            optOuts.append(OptOut(channel: channel, address: address))
        }
        let employerProhibits = try accountFields.optionalBool("employer_prohibits_contact") ?? false

        // contact point
        let pointChannel = try pointFields.enumeration("channel", ContactChannel.self)
        let rawAddress = try pointFields.string("address")
        let address: ContactAddress
        switch pointChannel {
        case .phone, .sms:
            guard let number = NANPNumber(e164: rawAddress) else {
                throw pointFields.error("address", "not a NANP number (+1 and ten digits): \"\(rawAddress)\"")
            }
            address = .phone(number)
        case .email:
            guard rawAddress.contains("@") else { throw pointFields.error("address", "not an email address") }
            address = ContactAddress(channel: .email, raw: rawAddress)
        case .letter:
            guard !rawAddress.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw pointFields.error("address", "empty")
            }
            address = ContactAddress(channel: .letter, raw: rawAddress)
        }
        let lineType = try pointFields.optionalEnumeration("line_type", LineType.self) ?? .unknown
        let place = try pointFields.optionalEnumeration("place", ContactPlace.self) ?? .personal
        let consent = try pointFields.optionalBool("autodialer_consent") ?? false

        // proposed contact
        let channel = try proposedFields.optionalEnumeration("channel", ContactChannel.self) ?? pointChannel
        let reachable = channel.usesPhoneNumber ? pointChannel.usesPhoneNumber : channel == pointChannel
        guard reachable else {
            throw proposedFields.error("channel", "a \(channel.rawValue) contact cannot use a \(pointChannel.rawValue) contact point")
        }
        let dialing = try proposedFields.optionalEnumeration("dialing", DialingMode.self)
        if channel == .phone, dialing == nil {
            throw proposedFields.error("dialing", "missing for a phone call (manual, preview, progressive or predictive)")
        }
        let prerecorded = try proposedFields.optionalBool("prerecorded") ?? false

        // history
        var history: [ContactEvent] = []
        for (i, item) in try root.optionalArray("history").enumerated() {
            let fields = try Fields(item, path: "history[\(i)]")
            let at = try fields.instant("at")
            guard at <= now else { throw fields.error("at", "after now (history cannot lie in the future)") }
            let eventChannel = try fields.enumeration("channel", ContactChannel.self)
            let outcome = try fields.enumeration("outcome", ContactOutcome.self)
            guard outcome.isValid(for: eventChannel) else {
                throw fields.error("outcome", "\"\(outcome.rawValue)\" is not an outcome of a \(eventChannel.rawValue) contact")
            }
            let direction = try fields.optionalEnumeration("direction", ContactDirection.self) ?? .outbound
            let eventPlace = try fields.optionalEnumeration("place", ContactPlace.self) ?? .personal
            var accounts: [String] = []
            for (k, account) in try fields.array("accounts").enumerated() {
                guard case .string(let text) = account else {
                    throw fields.error("accounts[\(k)]", "must be a string, not \(account.kind)")
                }
                accounts.append(text)
            }
            history.append(ContactEvent(at: at, channel: eventChannel, direction: direction,
                                        outcome: outcome, place: eventPlace, accounts: accounts))
        }

        request = ContactRequest(
            now: now,
            account: ContactAccount(id: accountID, state: state, postalCode: postalCode, flags: flags,
                                    inconvenientTimes: windows, optOuts: optOuts,
                                    employerProhibitsContact: employerProhibits),
            contactPoint: ContactPoint(channel: pointChannel, address: address, lineType: lineType,
                                       place: place, autodialerConsent: consent),
            history: history,
            proposed: ProposedContact(channel: channel, dialing: dialing ?? .manual, prerecorded: prerecorded))
    }
}

/// Typed access to an object's fields with errors that name the path.
private struct Fields {
    let values: [String: JSONValue]
    let prefix: String

    init(_ value: JSONValue, path: String) throws(ScenarioError) {
        guard case .object(let values) = value else {
            throw ScenarioError(field: path.isEmpty ? "scenario" : path, problem: "must be an object, not \(value.kind)")
        }
        self.values = values
        self.prefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
    func error(_ key: String, _ problem: String) -> ScenarioError { ScenarioError(field: path(key), problem: problem) }

    static func show(_ value: JSONValue) -> String {
        if case .string(let s) = value { return "\"\(s)\"" }
        return value.kind
    }

    /// A present, non-null value.
    private func present(_ key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    func id() throws(ScenarioError) -> JSONValue {
        switch values["id"] {
        case .string(let s)?: return .string(s)
        case .number(let n)?: return .number(n)
        case nil, .null?: throw error("id", "missing")
        case let other?: throw error("id", "must be a string or a number, not \(other.kind)")
        }
    }

    func optionalString(_ key: String) throws(ScenarioError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let s) = value else { throw error(key, "must be a string, not \(value.kind)") }
        return s
    }

    func string(_ key: String) throws(ScenarioError) -> String {
        guard let s = try optionalString(key) else { throw error(key, "missing") }
        return s
    }

    func optionalBool(_ key: String) throws(ScenarioError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let b) = value else { throw error(key, "must be true or false, not \(value.kind)") }
        return b
    }

    func optionalArray(_ key: String) throws(ScenarioError) -> [JSONValue] {
        guard let value = present(key) else { return [] }
        guard case .array(let items) = value else { throw error(key, "must be an array, not \(value.kind)") }
        return items
    }

    func array(_ key: String) throws(ScenarioError) -> [JSONValue] {
        guard present(key) != nil else { throw error(key, "missing") }
        return try optionalArray(key)
    }

    func object(_ key: String) throws(ScenarioError) -> Fields {
        guard let value = present(key) else { throw error(key, "missing") }
        return try Fields(value, path: path(key))
    }

    func instant(_ key: String) throws(ScenarioError) -> Date {
        let text = try string(key)
        guard let date = ISO8601Instant.parse(text) else {
            throw error(key, "not an ISO-8601 instant with a zone: \"\(text)\"")
        }
        return date
    }

    func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ScenarioError) -> E?
    where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let noun = key.replacingOccurrences(of: "_", with: " ")
            throw error(key, "unknown \(noun) \"\(text)\" (expected one of "
                + E.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(ScenarioError) -> E
    where E.RawValue == String {
        guard let value = try optionalEnumeration(key, type) else { throw error(key, "missing") }
        return value
    }

    /// `{"days": ["mon"], "from": "12:00", "to": "14:00"}`; no `days` means every day.
    func inconvenientWindow() throws(ScenarioError) -> InconvenientWindow {
        var days = WeekdaySet.everyDay
        if present("days") != nil {
            days = WeekdaySet()
            for (i, item) in try optionalArray("days").enumerated() {
                guard case .string(let text) = item, let day = Weekday(rawValue: text) else {
                    throw error("days[\(i)]", "unknown day \(Fields.show(item)) (expected mon, tue, wed, thu, fri, sat or sun)")
                }
                days.insert(WeekdaySet([day]))
            }
        }
        let from = try minute("from", allowing24: false)
        let to = try minute("to", allowing24: true)
        guard let window = InconvenientWindow(days: days, fromMinute: from, toMinute: to) else {
            throw error("to", "equals from (an empty or whole-day window is ambiguous)")
        }
        return window
    }

    private func minute(_ key: String, allowing24: Bool) throws(ScenarioError) -> Int {
        let text = try string(key)
        let b = Array(text.utf8)
        func d(_ i: Int) -> Int? { b[i] >= 48 && b[i] <= 57 ? Int(b[i] - 48) : nil }
        guard b.count == 5, b[2] == UInt8(ascii: ":"), let h1 = d(0), let h2 = d(1), let m1 = d(3), let m2 = d(4) else {
            throw error(key, "not a 24-hour HH:MM time: \"\(text)\"")
        }
        let hour = h1 * 10 + h2, minute = m1 * 10 + m2
        guard minute < 60, hour < 24 || (allowing24 && hour == 24 && minute == 0) else {
            throw error(key, "not a 24-hour HH:MM time: \"\(text)\"")
        }
        return hour * 60 + minute
    }
}
