import CandorCore
import Foundation
import Testing

/// The worked examples of ../shared/examples (contact-scenarios.json → contact-expected.json).
@Suite("Shared contact examples")
struct ComplianceExamplesTests {
    static let scenarios = Fixture.sharedFile("examples/contact-scenarios.json")
    static let expected = Fixture.sharedFile("examples/contact-expected.json")
    static let available = scenarios != nil && expected != nil

    static var cases: [(scenario: JSONValue, expected: JSONValue)] {
        guard let scenarios, let expected,
              case .array(let input)? = try? JSONValue.parse(scenarios),
              case .array(let output)? = try? JSONValue.parse(expected) else { return [] }
        return Array(zip(input, output))
    }

    @Test("every shared example is decided exactly as contact-expected.json says",
          .enabled(if: available, "../shared/examples not found beside the package: examples skipped"),
          arguments: cases.map { $0 })
    func example(_ pair: (scenario: JSONValue, expected: JSONValue)) throws {
        let result = ComplianceJSON.decide(scenario: pair.scenario)
        let fields = ComplianceJSON.fields(of: result)
        let got = JSONValue.object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) }))
        #expect(got == pair.expected)
    }

    @Test("there are 24 shared examples and the batch output equals the expected file byte for byte",
          .enabled(if: available, "../shared/examples not found beside the package: examples skipped"))
    func wholeFile() throws {
        let output = try ComplianceJSON.decide(json: Self.scenarios!)
        #expect(!output.hasErrors)
        #expect(output.decided == 24)
        #expect(try JSONValue.parse(output.json) == JSONValue.parse(Self.expected!))
        #expect(String(decoding: output.json, as: UTF8.self) == String(decoding: Self.expected!, as: UTF8.self))
    }
}
