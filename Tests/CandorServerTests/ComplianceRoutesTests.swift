import CandorCore
import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Compliance over HTTP")
struct ComplianceRoutesTests {
    @Test("POST /api/compliance/decide answers the shared examples exactly",
          .enabled(if: sharedExamplesDir != nil, "../shared/examples is not beside the repository"))
    func decideExamples() async throws {
        let scenarios = try Data(contentsOf: sharedExamplesDir!.appendingPathComponent("contact-scenarios.json"))
        let expectedData = try Data(contentsOf: sharedExamplesDir!.appendingPathComponent("contact-expected.json"))
        try await withApp { client, _ in
            try await client.execute(uri: "/api/compliance/decide", method: .post, body: ByteBuffer(bytes: scenarios)) { r in
                #expect(r.status == .ok)
                let got = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as! NSArray
                let expected = try JSONSerialization.jsonObject(with: expectedData) as! NSArray
                #expect(got == expected)
            }
        }
    }

    @Test("a malformed scenario is answered with an error naming the field; a non-JSON body is a 400")
    func decideBadInput() async throws {
        try await withApp { client, _ in
            let body = #"[{"id":"x","now":"2026-03-10T15:00:00Z","account":{"id":"A"},"contact_point":{"channel":"fax","address":"+16175550100"},"history":[],"proposed":{"channel":"fax"}}]"#
            try await client.execute(uri: "/api/compliance/decide", method: .post, body: ByteBuffer(string: body)) { r in
                #expect(r.status == .ok)
                let got = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [[String: Any]])
                #expect((got.first?["error"] as? String)?.contains("channel") == true)
            }
            try await client.execute(uri: "/api/compliance/decide", method: .post, body: ByteBuffer(string: "nope")) { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test("recorded attempts and flags change contactability, which the account page shows in plain words")
    func contactability() async throws {
        try await withApp { client, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await client.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            let id = try await services.store.accounts(AccountQuery(search: "lopez")).accounts[0].id.rawValue
            try await client.execute(uri: "/api/accounts/\(id)/contact-attempts", method: .post,
                                     body: ByteBuffer(string: #"{"channel":"phone","outcome":"conversation","at":"2026-05-28T13:00:00Z"}"#)) { r in
                #expect(r.status == .created)
            }
            try await client.execute(uri: "/api/accounts/\(id)/contact-attempts", method: .post,
                                     body: ByteBuffer(string: #"{"channel":"phone","outcome":"sent"}"#)) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/api/accounts/\(id)/flags", method: .post, body: ByteBuffer(string: #"{"flag":"maybe"}"#)) { r in
                #expect(r.status == .badRequest)
                let body = try json(r.body)
                #expect((body["error"] as? [String: Any])?["field"] as? String == "flag")
            }
            try await client.execute(uri: "/api/accounts/\(id)/contactability", method: .get) { r in
                #expect(r.status == .ok)
                let points = try #require(try json(r.body)["contact_points"] as? [[String: Any]])
                let call = try #require(points.first { $0["channel"] as? String == "phone" })
                #expect(call["allowed"] as? Bool == false)
                let reasons = try #require(call["reasons"] as? [[String: Any]])
                #expect(reasons.map { $0["code"] as? String } == ["REG_F_CONVERSATION_WAIT"])
                #expect((reasons.first?["citation"] as? String)?.contains("1006.14") == true)
                #expect(call["next_allowed_at"] as? String != nil)
            }
            try await client.execute(uri: "/accounts/\(id)", method: .get) { r in
                let html = String(buffer: r.body)
                #expect(html.contains("May we contact now?"))
                #expect(html.contains("We spoke with the consumer about this debt within the last seven days."))
            }
            try await client.execute(uri: "/api/accounts/missing/contactability", method: .get) { r in
                #expect(r.status == .notFound)
            }
        }
    }

    @Test("the eligible-now list validates its parameters")
    func eligibleNow() async throws {
        try await withApp { client, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await client.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            try await client.execute(uri: "/api/compliance/eligible-now?client=ACME&dialing=manual", method: .get) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["accounts_considered"] as? Int == 1)
            }
            try await client.execute(uri: "/api/compliance/eligible-now?priority=loudest", method: .get) { r in
                #expect(r.status == .badRequest)
            }
        }
    }
}

let sharedExamplesDir: URL? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.deletingLastPathComponent().appendingPathComponent("shared/examples")
    return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
}()
