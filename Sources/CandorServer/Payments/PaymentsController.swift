import CandorCore
import CandorStore
import Foundation
import Hummingbird

/// Taking payments, reversing them, recording a consumer's revocation of a bank authorization
/// and a new authorization after a revoked one, and reading an account's audit trail.
///
/// Every route checks role, then the client of the account it touches: an account (or a
/// payment on an account) of another client answers 404, as if absent.
struct PaymentsController {
    let services: AppServices
    var store: SQLStore { services.store }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.post("api/accounts/:id/payments") { request, context -> Response in
            let me = try context.require(.collector)
            let id = try context.parameters.require("id")
            try await context.requireAccount(id, store: store)
            // Required, so a retried request can never post twice (the client keeps the key).
            guard let key = request.headers[Self.idempotencyKey], !key.isEmpty else {
                throw APIError.badRequest("the Idempotency-Key header is required: a unique value per payment, reused on retry",
                                          field: "Idempotency-Key")
            }
            var request = request
            let body = try await request.decodeJSON(as: PaymentBody.self, context: context)
            let paymentRequest = PaymentRequest(accountID: Account.ID(id), idempotencyKey: key,
                                                amount: Money(cents: body.amountCents), method: try body.paymentMethod(),
                                                createdBy: me.user.id)
            let payment = try await store.postPayment(paymentRequest, cipher: services.cipher, processor: services.paymentProcessor)
            var response = try context.responseEncoder.encode(PaymentResponse(payment), from: request, context: context)
            // A replay answers 200 with the original payment; a new payment 201.
            response.status = payment.replayed ? .ok : .created
            if payment.replayed { response.headers[Self.replayedHeader] = "true" }
            return response
        }
        router.post("api/payments/:id/reversal") { request, context -> PaymentResponse in
            let me = try context.require(.supervisor)
            let id = try context.parameters.require("id")
            guard let payment = try await store.payment(id: id) else { throw PaymentError.unknownPayment(id) }
            do { try await context.requireAccount(payment.accountID.rawValue, store: store) } catch { throw PaymentError.unknownPayment(id) }
            var request = request
            let body = try await request.decodeJSON(as: ReversalBody.self, context: context)
            guard let reason = ReversalReason(rawValue: body.reason) else {
                throw APIError.badRequest("reason must be one of \(ReversalReason.allCases.map(\.rawValue).joined(separator: ", "))", field: "reason")
            }
            return PaymentResponse(try await store.reversePayment(id: id, reason: reason, by: me.user.id, note: body.note))
        }
        // Supervisor and above: lifting a consumer's revocation is checked by someone who saw the evidence.
        router.post("api/accounts/:id/bank-authorizations") { request, context -> BankAuthorizationResponse in
            let me = try context.require(.supervisor)
            let id = try context.parameters.require("id")
            try await context.requireAccount(id, store: store)
            var request = request
            let input = try await request.decodeJSON(as: BankAuthorizationBody.self, context: context).authorization(account: id, by: me.user.id)
            return BankAuthorizationResponse(input, lifted: try await store.recordBankAuthorization(input, cipher: services.cipher))
        }
        // Any collector: the consumer's "stop debiting my account" binds at once, whoever hears it.
        router.post("api/accounts/:id/bank-authorizations/revocations") { request, context -> Response in
            let me = try context.require(.collector)
            let id = try context.parameters.require("id")
            try await context.requireAccount(id, store: store)
            var request = request
            let input = try await request.decodeJSON(as: RevocationBody.self, context: context).revocation(account: id, by: me.user.id)
            let result = try await store.recordConsumerRevocation(input, cipher: services.cipher)
            var response = try context.responseEncoder.encode(RevocationResponse(result, account: Account.ID(id)), from: request, context: context)
            response.status = result.alreadyRevoked ? .ok : .created
            return response
        }
        router.get("api/accounts/:id/audit") { _, context -> AuditResponse in
            try context.require(.supervisor)
            let id = try context.parameters.require("id")
            try await context.requireAccount(id, store: store)
            return AuditResponse(entries: try await store.auditEntries(subject: "account:\(id)").map(AuditResponse.Line.init))
        }
    }

    // HTTPFields' element type, named this way because CandorServer does not import HTTPTypes itself.
    static let idempotencyKey = HTTPFields.Element.Name("Idempotency-Key")!
    static let replayedHeader = HTTPFields.Element.Name("Idempotent-Replayed")!

    struct ReversalBody: Decodable { let reason: String; let note: String? }

    struct AuditResponse: ResponseEncodable {
        struct Line: Encodable {
            let sequence: Int64, at: Date, actor: String, action: String, subject: String, details: String
            let previousHash: String, hash: String
            init(_ e: AuditEntry) {
                sequence = e.sequence; at = e.at; actor = e.actor; action = e.action; subject = e.subject
                details = e.details; previousHash = e.previousHash; hash = e.hash
            }
        }
        let entries: [Line]
    }
}
