import CandorCore
import Foundation
import Testing

/// Reading scenarios: anything malformed is an error naming the field, never a guess.
@Suite("Scenario JSON")
struct ComplianceScenarioDecodingTests {
    static let valid = """
        {"id": "s-1", "now": "2026-03-10T16:00:00Z",
         "account": {"id": "A1", "state": "NY", "postal_code": "10001", "flags": [],
                     "inconvenient_times": [{"days": ["mon", "tue"], "from": "12:00", "to": "14:00"}],
                     "opt_outs": [{"channel": "sms", "address": "*"}], "employer_prohibits_contact": false},
         "contact_point": {"channel": "phone", "address": "+12125550101", "line_type": "mobile",
                           "place": "personal", "autodialer_consent": true},
         "history": [{"at": "2026-03-09T15:00:00Z", "channel": "phone", "outcome": "no_answer", "accounts": ["A1"]}],
         "proposed": {"channel": "phone", "dialing": "predictive"}}
        """

    /// The valid scenario with one edit applied to its JSON text.
    func decide(_ from: String, _ to: String) -> ComplianceJSON.Result {
        let text = Self.valid.replacingOccurrences(of: from, with: to)
        precondition(text != Self.valid || from == to, "edit \(from) not applied")
        return ComplianceJSON.decide(scenario: try! JSONValue.parse(Data(text.utf8)))
    }

    func error(_ result: ComplianceJSON.Result) -> String? {
        if case .failed(_, let error) = result { return error.description }
        return nil
    }

    @Test("a well-formed scenario is decided")
    func wellFormed() {
        guard case .decided(let id, let decision) = decide("", "") else { Issue.record("not decided"); return }
        #expect(id == .string("s-1"))
        #expect(decision.reasons == .consumerInconvenientTime)   // 12:00 New York on a Tuesday
    }

    @Test("malformed fields are named in the error", arguments: [
        ("\"channel\": \"phone\", \"address\"", "\"channel\": \"fax\", \"address\"", "contact_point.channel: unknown channel \"fax\""),
        ("2026-03-10T16:00:00Z", "2026-03-10 16:00", "now: not an ISO-8601 instant with a zone"),
        ("2026-03-10T16:00:00Z", "2026-03-10T16:00:00", "now: not an ISO-8601 instant with a zone"),
        ("2026-03-10T16:00:00Z", "2026-02-30T16:00:00Z", "now: not an ISO-8601 instant with a zone"),
        ("\"flags\": []", "\"flags\": [\"cease\", \"vip\"]", "account.flags[1]: unknown flag \"vip\""),
        ("\"address\": \"+12125550101\"", "\"address\": \"212-555-0101\"", "contact_point.address: not a NANP number"),
        ("\"address\": \"+12125550101\"", "\"address\": \"+442071234567\"", "contact_point.address: not a NANP number"),
        ("\"address\": \"+12125550101\"", "\"address\": \"+1212555010\"", "contact_point.address: not a NANP number"),
        ("\"id\": \"s-1\", ", "", "id: missing"),
        ("\"dialing\": \"predictive\"", "\"dialing\": \"robot\"", "proposed.dialing: unknown dialing \"robot\""),
        ("{\"channel\": \"phone\", \"dialing\": \"predictive\"}", "{\"channel\": \"phone\"}", "proposed.dialing: missing"),
        ("\"channel\": \"phone\", \"dialing\"", "\"channel\": \"email\", \"dialing\"", "proposed.channel: a email contact cannot use a phone contact point"),
        ("\"outcome\": \"no_answer\"", "\"outcome\": \"sent\"", "history[0].outcome: \"sent\" is not an outcome of a phone contact"),
        ("\"outcome\": \"no_answer\"", "\"outcome\": \"hung_up\"", "history[0].outcome: unknown outcome \"hung_up\""),
        ("2026-03-09T15:00:00Z", "2026-03-11T15:00:00Z", "history[0].at: after now"),
        (", \"accounts\": [\"A1\"]", "", "history[0].accounts: missing"),
        ("\"state\": \"NY\"", "\"state\": \"New York\"", "account.state: not a two-letter state code"),
        ("\"postal_code\": \"10001\"", "\"postal_code\": 10001", "account.postal_code: must be a string"),
        ("\"from\": \"12:00\"", "\"from\": \"25:00\"", "account.inconvenient_times[0].from: not a 24-hour HH:MM time"),
        ("[\"mon\", \"tue\"]", "[\"monday\"]", "account.inconvenient_times[0].days[0]: unknown day \"monday\""),
        ("\"autodialer_consent\": true", "\"autodialer_consent\": \"yes\"", "contact_point.autodialer_consent: must be true or false"),
        ("{\"channel\": \"sms\", \"address\": \"*\"}", "{\"channel\": \"sms\", \"address\": \"555\"}", "account.opt_outs[0].address: not a NANP number"),
        ("\"line_type\": \"mobile\"", "\"line_type\": \"cell\"", "contact_point.line_type: unknown line type \"cell\""),
    ])
    func malformed(edit: (from: String, to: String, message: String)) {
        let message = error(decide(edit.from, edit.to))
        #expect(message?.hasPrefix(edit.message) == true, "got \(message ?? "a decision")")
    }

    @Test("a batch keeps input order, puts error objects in place and reports the failure")
    func batch() throws {
        let bad = Self.valid.replacingOccurrences(of: "\"s-1\"", with: "\"s-2\"")
            .replacingOccurrences(of: "\"phone\", \"address\"", with: "\"pager\", \"address\"")
        let input = "[\(Self.valid), \(bad), 42, {\"id\": 7}]"
        let output = try ComplianceJSON.decide(json: Data(input.utf8))
        #expect(output.hasErrors)
        #expect(output.decided == 1 && output.failed == 3)
        guard case .array(let items) = try JSONValue.parse(output.json), items.count == 4 else {
            Issue.record("not a 4-element array"); return
        }
        guard case .object(let first) = items[0], case .object(let second) = items[1],
              case .object(let third) = items[2], case .object(let fourth) = items[3] else { Issue.record("not objects"); return }
        #expect(first["id"] == .string("s-1") && first["allowed"] == .bool(false))
        #expect(second["id"] == .string("s-2"))
        #expect(second["error"] == .string("contact_point.channel: unknown channel \"pager\" (expected one of phone, sms, email, letter)"))
        #expect(third["id"] == .null && third["error"] == .string("scenario: must be an object, not a number"))
        #expect(fourth["id"] == .number(7))
    }

    @Test("input that is not a JSON array or object is refused as a whole")
    func notAnArray() {
        #expect(throws: ComplianceJSON.InputError.self) { try ComplianceJSON.decide(json: Data("not json".utf8)) }
        #expect(throws: ComplianceJSON.InputError.self) { try ComplianceJSON.decide(json: Data("\"x\"".utf8)) }
        #expect((try? ComplianceJSON.decide(json: Data("[]".utf8)))?.json == Data("[]".utf8))
    }

    @Test("instants with offsets and fractions are read; output is UTC to the second")
    func instants() {
        #expect(ISO8601Instant.parse("2026-03-10T11:00:00-05:00") == Fixture.at("2026-03-10T16:00:00Z"))
        #expect(ISO8601Instant.parse("2026-03-10T16:00Z") == Fixture.at("2026-03-10T16:00:00Z"))
        #expect(ISO8601Instant.parse("2026-03-10T16:00:00.250Z")!.timeIntervalSince1970 == 1_773_158_400.25)
        #expect(ISO8601Instant.format(Fixture.at("2026-03-10T11:00:00-05:00")) == "2026-03-10T16:00:00Z")
        #expect(ISO8601Instant.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
