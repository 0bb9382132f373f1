import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A Dallas landline: automated dialing needs no TCPA consent, and 20:26 UTC (the pinned
/// clock) is 15:26 in Texas, inside calling hours and the default campaign hours.
let dallasCSV = """
    account_number,first_name,last_name,phone1,phone1_type,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
    TX-1,John,Smith,(214) 555-0100,landline,TX,75201,charge_off,2025-12-31,50.00,50.00

    """

@Suite("Campaign routes")
struct CampaignRoutesTests {
    func create(_ client: any TestClientProtocol, _ body: String, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await client.execute(uri: "/api/campaigns", method: .post, body: ByteBuffer(string: body)) { try check($0) }
    }

    @Test("a campaign is created and listed; a bad mode, priority or cap is a 400 naming the field")
    func createAndValidate() async throws {
        try await withApp { client, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await create(client, #"{"name":"June","client":"ACME","mode":"predictive","abandon_cap":0.025}"#) { r in
                #expect(r.status == .created)
                let body = try json(r.body)
                #expect(body["mode"] as? String == "predictive")
                #expect(body["status"] as? String == "stopped")
                #expect(body["hours_start"] as? String == "13:00")
            }
            for (body, field) in [(#"{"name":"x","client":"ACME","mode":"turbo"}"#, "mode"),
                                  (#"{"name":"x","client":"ACME","mode":"preview","priority":"loudest"}"#, "priority"),
                                  (#"{"name":"x","client":"ACME","mode":"preview","abandon_cap":-0.01}"#, "abandon_cap"),
                                  (#"{"name":"x","client":"ACME","mode":"preview","hours_start":"25:00"}"#, "hours_start"),
                                  (#"{"name":"x","client":"ACME"}"#, "mode")] {
                try await create(client, body) { r in
                    #expect(r.status == .badRequest)
                    let error = try #require(try json(r.body)["error"] as? [String: Any])
                    #expect(error["field"] as? String == field, "\(body)")
                }
            }
            try await create(client, #"{"name":"x","client":"NOPE","mode":"preview"}"#) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/api/campaigns", method: .get) { r in
                let list = try #require(try json(r.body)["campaigns"] as? [[String: Any]])
                #expect(list.map { $0["name"] as? String } == ["June"])
            }
        }
    }

    @Test("a started campaign dials on simulated telephony, reports its status and agents, and stops from the page's form")
    func startStatusStop() async throws {
        try await withApp { client, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await client.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: dallasCSV)) { _ in }
            let id = try await client.execute(uri: "/api/campaigns", method: .post,
                                              body: ByteBuffer(string: #"{"name":"Dallas","client":"ACME","mode":"progressive"}"#)) { r in
                try #require(try json(r.body)["id"] as? String)
            }
            try await client.execute(uri: "/api/campaigns/\(id)/start", method: .post, body: ByteBuffer(string: #"{"agents":["ann"],"seed":7}"#)) { r in
                #expect(r.status == .ok)
                let status = try json(r.body)
                #expect(status["status"] as? String == "running")
                #expect(status["telephony"] as? String == "simulated")
                #expect(status["lines_in_flight"] as? Int == 1)          // progressive: one line for the one ready agent
                #expect((status["agents"] as? [String: Int])?["ready"] == 1)
            }
            try await client.execute(uri: "/api/agents/ann/state", method: .get) { r in
                #expect(r.status == .ok)
                let state = try json(r.body)
                #expect(state["state"] as? String == "ready")
                #expect(state["campaign_id"] as? String == id)
            }
            try await client.execute(uri: "/api/agents/nobody/state", method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/campaigns/\(id)", method: .get) { r in
                let html = String(buffer: r.body)
                #expect(html.contains("Simulated telephony"))
                #expect(html.contains("<svg"))
                #expect(html.contains("action=\"/api/campaigns/\(id)/stop\""))
            }
            try await client.execute(uri: "/api/campaigns/\(id)/stop", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer()) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/campaigns/\(id)")
            }
            try await client.execute(uri: "/api/campaigns/\(id)/status", method: .get) { r in
                let status = try json(r.body)
                #expect(["stopping", "stopped"].contains(status["status"] as? String ?? ""))
            }
            try await client.execute(uri: "/api/campaigns", method: .get) { r in
                let list = try #require(try json(r.body)["campaigns"] as? [[String: Any]])
                #expect(list.first?["status"] as? String == "stopped")
            }
            try await client.execute(uri: "/campaigns", method: .get) { r in #expect(String(buffer: r.body).contains("Dallas")) }
        }
    }
}
