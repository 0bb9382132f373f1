import Foundation

/// The JSON face of the engine shared by `candor compliance decide`, the HTTP API
/// (`POST /api/compliance/decide`) and the tests: scenarios in, decisions out, in the
/// shapes of ../shared/spec/contact-decisions.md.
public enum ComplianceJSON {
    /// The input was not JSON, or not a scenario array / object.
    public struct InputError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public struct Output: Sendable {
        /// The decisions (or error objects), as JSON text in input order.
        public var json: Data
        /// True when at least one scenario was malformed (the CLI then exits 1).
        public var hasErrors: Bool
        public var decided: Int
        public var failed: Int
    }

    /// One scenario's result: a decision or the error that kept it from being decided.
    public enum Result: Sendable, Hashable {
        case decided(id: JSONValue, ContactDecision)
        case failed(id: JSONValue, ScenarioError)
    }

    /// Decides a JSON array of scenarios (the output is an array in the same order) or a
    /// single scenario object (the output is one object).
    public static func decide(json data: Data, engine: ComplianceEngine = .standard) throws(InputError) -> Output {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw InputError(description: "not valid JSON: \(error.localizedDescription)")
        }
        var writer = JSONWriter()
        switch document {
        case .array(let items):
            let results = items.map { decide(scenario: $0, engine: engine) }
            writer.objects(results.map(fields(of:)), indent: 0)
            let failed = results.filter { if case .failed = $0 { return true } else { return false } }.count
            return Output(json: Data(writer.text.utf8), hasErrors: failed > 0,
                          decided: results.count - failed, failed: failed)
        case .object:
            let result = decide(scenario: document, engine: engine)
            writer.object(fields(of: result), indent: 0)
            let failed = if case .failed = result { 1 } else { 0 }
            return Output(json: Data(writer.text.utf8), hasErrors: failed > 0, decided: 1 - failed, failed: failed)
        default:
            throw InputError(description: "expected a JSON array of scenarios, found \(document.kind)")
        }
    }

    /// Reads and decides one scenario value.
    public static func decide(scenario value: JSONValue, engine: ComplianceEngine = .standard) -> Result {
        do {
            let scenario = try ContactScenario(json: value)
            return .decided(id: scenario.id, engine.decide(scenario.request))
        } catch {
            var id = JSONValue.null
            if case .object(let fields) = value, let given = fields["id"] {
                switch given {
                case .string, .number: id = given
                default: break
                }
            }
            return .failed(id: id, error)
        }
    }

    /// The decision object of the spec: id, allowed, reasons (sorted), next_allowed_at.
    public static func fields(of result: Result) -> [(key: String, value: JSONValue)] {
        switch result {
        case .decided(let id, let decision):
            return [
                ("id", id),
                ("allowed", .bool(decision.allowed)),
                ("reasons", .array(decision.reasons.codes.map(JSONValue.string))),
                ("next_allowed_at", decision.nextAllowedAt.map { .string(ISO8601Instant.format($0)) } ?? .null),
            ]
        case .failed(let id, let error):
            return [("id", id), ("error", .string(error.description))]
        }
    }
}
