import CandorCore
import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// ACME with María Lopez (balance $105.25, MA mobile) and John Smith; a collector and a supervisor of ACME.
func workspaceFixture(_ admin: any TestClientProtocol, _ services: AppServices) async throws -> (maria: String, collector: String, supervisor: String) {
    _ = try await services.store.addClient(code: "ACME", name: "Acme")
    try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
    let maria = try #require(try await services.store.accounts(AccountQuery(search: "Lopez")).accounts.first).id.rawValue
    let collector = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
    let supervisor = try await signIn(services, "sam", role: .supervisor, clients: ["ACME"])
    return (maria, collector, supervisor)
}

func rows(_ services: AppServices, _ table: String) async throws -> Int {
    try await services.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
}

@Suite("Collections routes: dispositions, promises, plans, queue, supervisor")
struct CollectionsRoutesTests {
    static func headers(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    @Test("a collector records a promise through the API; bad input is a 4xx naming the field and writes nothing")
    func promiseThroughAPI() async throws {
        try await withApp { admin, services in
            let f = try await workspaceFixture(admin, services)
            let h = Self.headers(f.collector)
            for (body, status, field) in [
                (#"{"disposition":"promise","promise_amount_cents":10526,"promise_due_date":"2026-05-30"}"#, HTTPResponse.Status.unprocessableContent, "promise_amount_cents"),
                (#"{"disposition":"promise","promise_amount_cents":500,"promise_due_date":"2026-05-27"}"#, .unprocessableContent, "promise_due_date"),
                (#"{"disposition":"promise","promise_amount_cents":500,"promise_due_date":"30/05/2026"}"#, .badRequest, "promise_due_date"),
                (#"{"disposition":"promise"}"#, .unprocessableContent, "promise"),
                (#"{"disposition":"gone_fishing"}"#, .badRequest, "disposition"),
                (#"{"disposition":"hardship","budget":{"monthly_income_cents":-1}}"#, .badRequest, "budget.monthly_income_cents"),
                // far beyond any budget: refused, never overflowing the plan arithmetic
                (#"{"disposition":"hardship","budget":{"monthly_income_cents":100,"housing_cents":9223372036854775807,"utilities_cents":1}}"#,
                 .badRequest, "budget.housing_cents"),
            ] {
                try await admin.execute(uri: "/api/accounts/\(f.maria)/dispositions", method: .post, headers: h, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == status, "\(body)")
                    let error = try json(r.body)["error"] as? [String: Any]
                    #expect(error?["field"] as? String == field, "\(body)")
                }
            }
            for table in ["dispositions", "promises", "contact_attempts"] { #expect(try await rows(services, table) == 0) }
            try await admin.execute(uri: "/api/accounts/\(f.maria)/dispositions", method: .post, headers: h,
                                    body: ByteBuffer(string: #"{"disposition":"promise","promise_amount_cents":5000,"promise_due_date":"2026-05-30","phone":"6175550142"}"#)) { r in
                #expect(r.status == .created)
                let created = try json(r.body)
                #expect(created["promise_id"] is String)
            }
            try await admin.execute(uri: "/api/accounts/\(f.maria)/promises", method: .get, headers: h) { r in
                let items = try #require(try json(r.body)["items"] as? [[String: Any]])
                #expect(items.count == 1 && items[0]["status"] as? String == "pending" && items[0]["amount_cents"] as? Int == 5000)
            }
            // The conversation counts: the next call to María waits 7 days (Reg F).
            try await admin.execute(uri: "/api/accounts/\(f.maria)/contactability", method: .get, headers: h) { r in
                #expect(String(buffer: r.body).contains("CONVERSATION_WITHIN_7_DAYS") || String(buffer: r.body).contains("7"))
            }
        }
    }

    @Test("a settlement below the floor: refused without approval, refused with a collector's, agreed with a supervisor's")
    func settlementApproval() async throws {
        try await withApp { admin, services in
            let f = try await workspaceFixture(admin, services)
            let body = #"{"total_cents":3000,"installment_cents":3000,"first_due_date":"2026-05-29","approve":true}"#
            try await admin.execute(uri: "/api/accounts/\(f.maria)/plans", method: .post, headers: Self.headers(f.collector),
                                    body: ByteBuffer(string: body.replacingOccurrences(of: ",\"approve\":true", with: ""))) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("below the client's floor"))
            }
            try await admin.execute(uri: "/api/accounts/\(f.maria)/plans", method: .post, headers: Self.headers(f.collector), body: ByteBuffer(string: body)) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("a collector cannot approve"))
            }
            // Amounts at the edge of Int64 are a clear 400, not a crash.
            try await admin.execute(uri: "/api/accounts/\(f.maria)/plans", method: .post, headers: Self.headers(f.collector),
                                    body: ByteBuffer(string: #"{"total_cents":9223372036854775807,"installment_cents":2,"first_due_date":"2026-05-29"}"#)) { r in
                #expect(r.status == .badRequest)
                let error = try json(r.body)["error"] as? [String: Any]
                #expect(error?["field"] as? String == "installment_cents")
            }
            try await admin.execute(uri: "/api/accounts/\(f.maria)/plan-proposals", method: .post, headers: Self.headers(f.collector),
                                    body: ByteBuffer(string: #"{"budget":{"monthly_income_cents":9223372036854775807},"first_due_date":"2026-06-01"}"#)) { r in
                #expect(r.status == .badRequest)
            }
            #expect(try await rows(services, "payment_plans") == 0)
            try await admin.execute(uri: "/api/accounts/\(f.maria)/plans", method: .post, headers: Self.headers(f.supervisor), body: ByteBuffer(string: body)) { r in
                #expect(r.status == .created)
                let plan = try json(r.body)
                #expect(plan["settlement"] as? Bool == true && plan["approved_role"] as? String == "supervisor")
            }
            // The proposal from a budget: $2,000 income, $1,700 essentials → $150 a month offered (50%).
            try await admin.execute(uri: "/api/accounts/\(f.maria)/plan-proposals", method: .post, headers: Self.headers(f.collector),
                                    body: ByteBuffer(string: #"{"budget":{"monthly_income_cents":200000,"housing_cents":170000},"first_due_date":"2026-06-01"}"#)) { r in
                let p = try json(r.body)
                #expect(p["affordable_monthly_cents"] as? Int == 15000)
                #expect((p["options"] as? [[String: Any]])?.first?["kind"] as? String == "pay_in_full")
            }
        }
    }

    @Test("wrong role: a collector cannot review, assign, read the supervisor board or change client rules (403)")
    func wrongRole() async throws {
        try await withApp { admin, services in
            let f = try await workspaceFixture(admin, services)
            let h = Self.headers(f.collector)
            let d = try await admin.execute(uri: "/api/accounts/\(f.maria)/dispositions", method: .post, headers: h,
                                            body: ByteBuffer(string: #"{"disposition":"attorney"}"#)) { try #require(try json($0.body)["id"] as? String) }
            for (method, uri, body) in [(HTTPRequest.Method.post, "/api/accounts/\(f.maria)/dispositions/\(d)/review", ""),
                                        (.post, "/api/assignments", #"{"accounts":["\#(f.maria)"],"user":"cora"}"#),
                                        (.get, "/api/supervisor", ""), (.get, "/api/clients/ACME/rules", ""),
                                        (.put, "/api/clients/ACME/rules", "{}")] {
                try await admin.execute(uri: uri, method: method, headers: h, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .forbidden, "\(uri)")
                }
            }
            try await admin.execute(uri: "/api/accounts/\(f.maria)/dispositions/\(d)/review", method: .post, headers: Self.headers(f.supervisor)) { r in
                #expect(r.status == .ok)
                let reviewed = try json(r.body)
                #expect(reviewed["reviewed_by"] is String)
            }
            try await admin.execute(uri: "/api/supervisor", method: .get, headers: Self.headers(f.supervisor)) { r in
                let board = try json(r.body)
                #expect((board["team"] as? [[String: Any]])?.contains { $0["username"] as? String == "cora" && $0["dispositions_today"] as? Int == 1 } == true)
            }
            var rules = try await admin.execute(uri: "/api/clients/ACME/rules", method: .get) { try json($0.body) }
            rules["waterfall"] = ["principal", "interest", "fees"]
            rules["settlement_floor_basis_points"] = 20_000
            try await admin.execute(uri: "/api/clients/ACME/rules", method: .put, headers: [.contentType: "application/json"],
                                    body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: rules))) { r in
                #expect(r.status == .badRequest)
                let error = try json(r.body)["error"] as? [String: Any]
                #expect(error?["field"] as? String == "settlement_floor_basis_points")
            }
            rules["settlement_floor_basis_points"] = 7_000
            try await admin.execute(uri: "/api/clients/ACME/rules", method: .put, headers: [.contentType: "application/json"],
                                    body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: rules))) { r in
                #expect(r.status == .ok)
                let saved = try json(r.body)
                #expect(saved["waterfall"] as? [String] == ["principal", "interest", "fees"])
            }
        }
    }

    @Test("in the browser without JavaScript: record a promise and post a payment from the account page; the ledger changes; a stale form writes nothing")
    func browserForms() async throws {
        try await withApp { admin, services in
            let f = try await workspaceFixture(admin, services)
            var headers = formType
            headers[.cookie] = "candor_session=\(f.collector)"
            headers[.authorization] = ""
            let page = try await admin.execute(uri: "/accounts/\(f.maria)", method: .get, headers: headers) { String(buffer: $0.body) }
            let csrf = try #require(hiddenField(page, "csrf_token"))
            let key = try #require(hiddenField(page, "idempotency_key"))
            #expect(page.contains("Record a contact") && page.contains("Take a payment") && page.contains("Plan builder"))
            try await admin.execute(uri: "/accounts/\(f.maria)/dispositions", method: .post, headers: headers,
                                    body: formBody(["csrf_token": "stale", "disposition": "promise", "promise_amount": "40", "promise_due_date": "2026-05-30"])) { r in
                #expect(r.status == .forbidden)
            }
            #expect(try await rows(services, "dispositions") == 0)
            try await admin.execute(uri: "/accounts/\(f.maria)/dispositions", method: .post, headers: headers,
                                    body: formBody(["csrf_token": csrf, "disposition": "promise", "promise_amount": "500", "promise_due_date": "2026-05-30"])) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("Nothing was saved"))
                #expect(String(buffer: r.body).contains("more than the balance"))
            }
            try await admin.execute(uri: "/accounts/\(f.maria)/dispositions", method: .post, headers: headers,
                                    body: formBody(["csrf_token": csrf, "disposition": "promise", "promise_amount": "40.00", "promise_due_date": "2026-05-30",
                                                    "phone": "+16175550142", "note": "pays Saturday"])) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/accounts/\(f.maria)?done=disposition")
            }
            let payment = ["csrf_token": csrf, "idempotency_key": key, "amount": "40.00", "method": "bank", "holder_name": "Maria Lopez",
                           "routing_number": "011000015", "account_number": "12345678", "sec_code": "TEL", "recording_reference": "REC-1",
                           "debit_date": "2026-05-28"]
            for _ in 0..<2 { // a double click posts once
                try await admin.execute(uri: "/accounts/\(f.maria)/payments", method: .post, headers: headers, body: formBody(payment)) { r in
                    #expect(r.status == .seeOther)
                }
            }
            let after = try await admin.execute(uri: "/accounts/\(f.maria)?done=payment", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(after.contains("Payment posted."))
            #expect(after.contains("$65.25"))
            #expect(after.contains("kept"))
            #expect(try await rows(services, "payments") == 1)
            #expect(!after.contains("Audit trail"), "collectors do not see the audit trail")
            let supervisorView = try await admin.execute(uri: "/accounts/\(f.maria)", method: .get,
                                                         headers: [.authorization: "Bearer \(f.supervisor)"]) { String(buffer: $0.body) }
            #expect(supervisorView.contains("Audit trail") && supervisorView.contains("payment.post") && supervisorView.contains("disposition.record"))

            // The consumer then says to stop debiting that bank account: the form names a bad field,
            // and a good one cancels the scheduled debit.
            #expect(after.contains("The consumer revokes a bank authorization"))
            var notice = ["csrf_token": csrf, "routing_number": "011000015", "account_last4": "0000", "channel": "phone", "reference": "REC-2"]
            try await admin.execute(uri: "/accounts/\(f.maria)/bank-authorizations/revocations", method: .post, headers: headers,
                                    body: formBody(notice)) { r in
                #expect(r.status == .badRequest)
                #expect(String(buffer: r.body).contains("field: account_number"))
            }
            notice["account_last4"] = "5678"
            try await admin.execute(uri: "/accounts/\(f.maria)/bank-authorizations/revocations", method: .post, headers: headers,
                                    body: formBody(notice)) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/accounts/\(f.maria)?done=revocation")
            }
            let revoked = try await admin.execute(uri: "/accounts/\(f.maria)?done=revocation", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(revoked.contains("Revocation recorded") && revoked.contains("reversed"))
        }
    }

    @Test("the work queue and supervisor pages render for their roles")
    func pages() async throws {
        try await withApp { admin, services in
            let f = try await workspaceFixture(admin, services)
            try await admin.execute(uri: "/queue", method: .get, headers: [.authorization: "Bearer \(f.collector)"]) { r in
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                #expect(html.contains("María Lopez") && html.contains("Balance"))
            }
            try await admin.execute(uri: "/supervisor", method: .get, headers: [.authorization: "Bearer \(f.collector)"]) { r in
                #expect(r.status == .forbidden)
            }
            try await admin.execute(uri: "/supervisor", method: .get, headers: [.authorization: "Bearer \(f.supervisor)"]) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("Team today"))
            }
            try await admin.execute(uri: "/api/queue?user=cora", method: .get, headers: [.authorization: "Bearer \(f.supervisor)"]) { r in
                #expect(r.status == .ok)
            }
            try await admin.execute(uri: "/api/queue?user=sam", method: .get, headers: [.authorization: "Bearer \(f.collector)"]) { r in
                #expect(r.status == .forbidden)
            }
        }
    }
}
