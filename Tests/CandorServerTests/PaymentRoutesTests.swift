import CandorCore
import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Payment and audit routes")
struct PaymentRoutesTests {
    static func headers(_ token: String, key: String? = nil) -> HTTPFields {
        var h: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
        if let key { h[HTTPFields.Element.Name("Idempotency-Key")!] = key }
        return h
    }

    static func card(_ cents: Int64) -> ByteBuffer {
        ByteBuffer(string: #"{"amount_cents":\#(cents),"method":"card","card_token":"tok_visa"}"#)
    }

    @Test("post, replay, conflict, bad input, over balance, reversal by a supervisor, audit trail")
    func paymentLifecycle() async throws {
        try await withApp { admin, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            let account = try #require(try await services.store.accounts(AccountQuery(clientCode: "ACME")).accounts.first { $0.clientAccountNumber == "AC-1" })
            let id = account.id.rawValue
            let cora = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            let sam = try await signIn(services, "sam", role: .supervisor, clients: ["ACME"])
            let uri = "/api/accounts/\(id)/payments"

            let paymentID = try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "k1"), body: Self.card(1000)) { r in
                #expect(r.status == .created)
                let body = try json(r.body)
                #expect(body["status"] as? String == "posted" && body["amount_cents"] as? Int == 1000)
                return try #require(body["id"] as? String)
            }
            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "k1"), body: Self.card(1000)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[HTTPFields.Element.Name("Idempotent-Replayed")!] == "true")
                let body = try json(r.body)
                #expect(body["id"] as? String == paymentID)
            }
            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "k1"), body: Self.card(999)) { r in
                #expect(r.status == .conflict)
            }
            func expectField(_ key: String?, _ body: String, _ status: HTTPResponse.Status, _ field: String?) async throws {
                try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: key), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == status, "\(body)")
                    let error = try json(r.body)["error"] as? [String: Any]
                    #expect(error?["field"] as? String == field, "\(body): \(String(buffer: r.body))")
                }
            }
            try await expectField(nil, #"{"amount_cents":100,"method":"card","card_token":"t"}"#, .badRequest, "Idempotency-Key")
            try await expectField("k2", #"{"method":"card","card_token":"t"}"#, .badRequest, "amount_cents")
            try await expectField("k2", #"{"amount_cents":100,"method":"cash"}"#, .badRequest, "method")
            try await expectField("k2", #"{"amount_cents":100,"method":"bank","bank":{"holder_name":"A","routing_number":"011000016","account_number":"1234567","sec_code":"WEB","debit_date":"2026-06-01"}}"#, .badRequest, "bank.routing_number")
            try await expectField("k2", #"{"amount_cents":100,"method":"bank","bank":{"holder_name":"A","routing_number":"011000015","account_number":"1234567","sec_code":"TEL","debit_date":"2026-06-01"}}"#, .badRequest, "bank.recording_reference")
            try await expectField("k2", #"{"amount_cents":100,"method":"bank","bank":{"holder_name":"A","routing_number":"011000015","account_number":"1234567","sec_code":"WEB","debit_date":"2020-01-01"}}"#, .badRequest, "bank.debit_date")
            try await expectField("k2", #"{"amount_cents":0,"method":"card","card_token":"t"}"#, .badRequest, "amount_cents")
            try await expectField("k3", #"{"amount_cents":999999,"method":"card","card_token":"t"}"#, .unprocessableContent, "amount_cents")
            #expect(try await services.store.payments(account: account.id).count == 1)

            let reversal = "/api/payments/\(paymentID)/reversal"
            try await admin.execute(uri: reversal, method: .post, headers: Self.headers(cora), body: ByteBuffer(string: #"{"reason":"chargeback"}"#)) { r in
                #expect(r.status == .forbidden)
            }
            try await admin.execute(uri: reversal, method: .post, headers: Self.headers(sam), body: ByteBuffer(string: #"{"reason":"chargeback"}"#)) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["status"] as? String == "reversed")
            }
            try await admin.execute(uri: reversal, method: .post, headers: Self.headers(sam), body: ByteBuffer(string: #"{"reason":"chargeback"}"#)) { r in
                #expect(r.status == .conflict)
            }
            #expect(try #require(try await services.store.account(id: account.id)).balance == account.balance)

            try await admin.execute(uri: "/api/accounts/\(id)", method: .get, headers: Self.headers(cora)) { r in #expect(r.status == .ok) }
            try await admin.execute(uri: "/api/accounts/\(id)/audit", method: .get, headers: Self.headers(cora)) { r in #expect(r.status == .forbidden) }
            try await admin.execute(uri: "/api/accounts/\(id)/audit", method: .get, headers: Self.headers(sam)) { r in
                #expect(r.status == .ok)
                let entries = try #require(try json(r.body)["entries"] as? [[String: Any]])
                #expect(entries.compactMap { $0["action"] as? String } == ["payment.post", "payment.reverse", "account.view"])
            }
            #expect(try await services.store.verifyAuditChain().broken == nil)
        }
    }

    static func bankDebit(_ day: String) -> ByteBuffer {
        ByteBuffer(string: #"{"amount_cents":500,"method":"bank","bank":{"holder_name":"Maria Lopez","routing_number":"011000015","account_number":"000123456789","sec_code":"TEL","recording_reference":"REC-1","debit_date":"\#(day)"}}"#)
    }

    /// An ODFI's return file with one return: entry detail (6, amount at 30–39) and its 799 addenda.
    static func returnFile(trace: String, code: String, cents: Int64) -> String {
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: n - s.count) }
        func num(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: n - s.count) + s }
        return [pad("101 091000019 1234567890", 94),
                pad("62601100001512345678         " + num(cents, 10), 94),
                pad("799" + code + trace + "      09100001", 79) + num(1, 15)].joined(separator: "\n") + "\n"
    }

    @Test("after a return revokes the authorization, a debit from that bank account is refused 422 naming bank.account_number until a supervisor records a new authorization")
    func revokedAuthorization() async throws {
        try await withApp { admin, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            let account = try #require(try await services.store.accounts(AccountQuery(clientCode: "ACME")).accounts.first { $0.clientAccountNumber == "AC-1" })
            let cora = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            let sam = try await signIn(services, "sam", role: .supervisor, clients: ["ACME"])
            let uri = "/api/accounts/\(account.id.rawValue)/payments"
            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "d1"), body: Self.bankDebit("2026-05-29")) { r in
                #expect(r.status == .created)
            }
            let originator = NachaOriginator(immediateDestination: try RoutingNumber("091000019"), immediateDestinationName: "First Example Bank",
                                             immediateOrigin: "1234567890", immediateOriginName: "Candor", companyName: "CANDOR COLLECT",
                                             companyID: "1234567890")
            let file = try #require(try await services.store.exportNacha(
                date: try LocalDate(parsing: "2026-05-29"), originator: originator,
                stamp: NachaFileStamp(date: try LocalDate(parsing: "2026-05-28"), hour: 9, minute: 0), cipher: services.cipher, by: "t") { _ in }.file)
            let returns = try NachaReturnParser.parse(Self.returnFile(trace: file.traceNumbers[0], code: "R07", cents: 500))
            let report = try await services.store.applyACHReturns(returns, cipher: services.cipher, by: "system:test")
            #expect(report.items.first?.revokedBankAccount == "****6789")

            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "d2"), body: Self.bankDebit("2026-06-01")) { r in
                #expect(r.status == .unprocessableContent)
                let error = try #require(try json(r.body)["error"] as? [String: Any])
                #expect(error["field"] as? String == "bank.account_number")
                let message = try #require(error["message"] as? String)
                #expect(message.contains("****6789") && message.contains("R07") && !message.contains("000123456789"))
            }
            let authorizations = "/api/accounts/\(account.id.rawValue)/bank-authorizations"
            let fresh = #"{"routing_number":"011000015","account_number":"000123456789","sec_code":"TEL","reference":"REC-2026-0107"}"#
            try await admin.execute(uri: authorizations, method: .post, headers: Self.headers(cora), body: ByteBuffer(string: fresh)) { r in
                #expect(r.status == .forbidden)
            }
            for (body, field) in [(#"{"routing_number":"011000015","account_number":"000123456789","sec_code":"TEL","reference":" "}"#, "reference"),
                                  (#"{"routing_number":"011000015","account_number":"000123456789","sec_code":"TEL"}"#, "reference"),
                                  (#"{"routing_number":"011000016","account_number":"000123456789","sec_code":"TEL","reference":"R"}"#, "routing_number"),
                                  (#"{"routing_number":"011000015","account_number":"000123456789","sec_code":"CCD","reference":"R"}"#, "sec_code")] {
                try await admin.execute(uri: authorizations, method: .post, headers: Self.headers(sam), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .badRequest, "\(body)")
                    let error = try json(r.body)["error"] as? [String: Any]
                    #expect(error?["field"] as? String == field, "\(body)")
                }
            }
            try await admin.execute(uri: authorizations, method: .post, headers: Self.headers(sam), body: ByteBuffer(string: fresh)) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["bank_account"] as? String == "****6789")
                let lifted = try #require(body["lifted"] as? [[String: Any]])
                #expect(lifted.count == 1 && lifted.first?["reason_code"] as? String == "R07")
            }
            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "d2"), body: Self.bankDebit("2026-06-01")) { r in
                #expect(r.status == .created)
            }
            let actions = try await services.store.auditEntries(subject: "account:\(account.id.rawValue)").map(\.action)
            #expect(actions.filter { $0.hasPrefix("bank_authorization.") } == ["bank_authorization.revoke", "bank_authorization.record"])
        }
    }

    @Test("a collector records the consumer's own revocation by the last four of a bank account: 201 with this account's cancelled debit, 200 when told again, each bad field named")
    func consumerRevocation() async throws {
        try await withApp { admin, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            let account = try #require(try await services.store.accounts(AccountQuery(clientCode: "ACME")).accounts.first { $0.clientAccountNumber == "AC-1" })
            let cora = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            let uri = "/api/accounts/\(account.id.rawValue)/payments"
            var scheduled = ""
            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "d1"), body: Self.bankDebit("2026-06-01")) { r in
                #expect(r.status == .created)
                scheduled = try #require(try json(r.body)["id"] as? String)
            }
            let revocations = "/api/accounts/\(account.id.rawValue)/bank-authorizations/revocations"
            for (body, field) in [(#"{"routing_number":"011000015","account_last4":"6789","channel":"fax","reference":"R"}"#, "channel"),
                                  (#"{"routing_number":"011000016","account_last4":"6789","channel":"phone","reference":"R"}"#, "routing_number"),
                                  (#"{"routing_number":"011000015","account_last4":"1111","channel":"phone","reference":"R"}"#, "account_number"),
                                  (#"{"routing_number":"011000015","account_last4":"67-9","channel":"phone","reference":"R"}"#, "account_last4"),
                                  (#"{"routing_number":"011000015","account_last4":"6789","channel":"phone","reference":""}"#, "reference"),
                                  (#"{"routing_number":"011000015","account_last4":"6789","channel":"phone"}"#, "reference")] {
                try await admin.execute(uri: revocations, method: .post, headers: Self.headers(cora), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .badRequest, "\(body)")
                    let error = try json(r.body)["error"] as? [String: Any]
                    #expect(error?["field"] as? String == field, "\(body)")
                }
            }
            let notice = #"{"routing_number":"011000015","account_last4":"6789","channel":"phone","reference":"REC-2026-0601"}"#
            try await admin.execute(uri: revocations, method: .post, headers: Self.headers(cora), body: ByteBuffer(string: notice)) { r in
                #expect(r.status == .created)
                let body = try json(r.body)
                #expect(body["bank_account"] as? String == "****6789" && body["already_revoked"] as? Bool == false)
                #expect(body["reason"] as? String == "the consumer's notice by phone")
                let cancelled = try #require(body["cancelled"] as? [[String: Any]])
                #expect(cancelled.map { $0["payment_id"] as? String } == [scheduled] && cancelled.first?["amount_cents"] as? Int == 500)
                #expect(body["cancelled_on_other_accounts"] == nil, "nothing of other accounts")
            }
            try await admin.execute(uri: revocations, method: .post, headers: Self.headers(cora), body: ByteBuffer(string: notice)) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["already_revoked"] as? Bool == true)
            }
            try await admin.execute(uri: uri, method: .post, headers: Self.headers(cora, key: "d2"), body: Self.bankDebit("2026-06-02")) { r in
                #expect(r.status == .unprocessableContent)
                let error = try #require(try json(r.body)["error"] as? [String: Any])
                #expect(error["field"] as? String == "bank.account_number" && (error["message"] as? String)?.contains("consumer's notice by phone") == true)
            }
        }
    }

    @Test("sign-ins, successful and refused, are audited")
    func signInsAudited() async throws {
        try await withAnonymousApp { client, services in
            _ = try await signIn(services, "cora", role: .admin)
            try await client.execute(uri: "/api/sessions", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"username":"cora","password":"wrong"}"#)) { r in #expect(r.status == .unauthorized) }
            try await client.execute(uri: "/api/sessions", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"username":"cora","password":"\#(testPassword)"}"#)) { r in #expect(r.status == .created) }
            let user = try #require(try await services.store.credentials(username: "cora")).user
            let actions = try await services.store.auditEntries(subject: "user:\(user.id)").map(\.action)
            #expect(actions == ["auth.sign_in_refused", "auth.sign_in"])
        }
    }
}
