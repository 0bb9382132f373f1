import CandorCore
import CandorStore
import Foundation
import Hummingbird

extension PaymentsController {
    /// `{"amount_cents": 1000, "method": "card", "card_token": "..."}` or
    /// `{"amount_cents": 1000, "method": "bank", "bank": {...}}`.
    struct PaymentBody: Decodable {
        let amountCents: Int64
        let method: String
        let cardToken: String?
        let bank: Bank?

        struct Bank: Decodable {
            let holderName: String
            let routingNumber: String
            let accountNumber: String
            let accountType: String?
            let secCode: String
            let recordingReference: String?
            let debitDate: LocalDate
        }

        /// The method, each wrong field named.
        func paymentMethod() throws -> PaymentMethodInput {
            switch method {
            case "card":
                guard let cardToken, !cardToken.isEmpty else { throw APIError.badRequest("card_token is required for a card payment", field: "card_token") }
                return .card(token: cardToken)
            case "bank":
                guard let bank else { throw APIError.badRequest("bank is required for a bank payment", field: "bank") }
                let routing: RoutingNumber
                do { routing = try RoutingNumber(bank.routingNumber) } catch {
                    throw APIError.badRequest(error.description, field: "bank.routing_number")
                }
                guard let sec = NachaSECCode(rawValue: bank.secCode.uppercased()) else {
                    throw APIError.badRequest("sec_code must be PPD, WEB or TEL", field: "bank.sec_code")
                }
                guard let type = NachaAccountType(rawValue: bank.accountType ?? "checking") else {
                    throw APIError.badRequest("account_type must be checking or savings", field: "bank.account_type")
                }
                return .bank(BankDebit(holderName: bank.holderName, routing: routing, accountNumber: bank.accountNumber,
                                       accountType: type, secCode: sec, recordingReference: bank.recordingReference,
                                       debitDate: bank.debitDate))
            default:
                throw APIError.badRequest("method must be card or bank", field: "method")
            }
        }
    }

    /// A payment as the API shows it: the bank account masked, never the number.
    struct PaymentResponse: ResponseEncodable {
        let id: String
        let accountId: String
        let method: String
        let amountCents: Int64
        let status: String
        let effectiveDate: LocalDate
        let ledgerEntryId: String
        let reversalEntryId: String?
        let processorReference: String?
        let bankAccount: String?
        let secCode: String?
        let scheduledDate: LocalDate?
        let exportedInNachaFile: String?
        let createdAt: Date
        let createdBy: String
        let replayed: Bool

        init(_ p: StoredPayment) {
            id = p.id; accountId = p.accountID.rawValue; method = p.method.rawValue; amountCents = p.amount.cents
            status = p.status.rawValue; effectiveDate = p.effectiveDate; ledgerEntryId = p.ledgerEntryID.rawValue
            reversalEntryId = p.reversalEntryID?.rawValue; processorReference = p.processorReference
            bankAccount = p.bankAccountMasked; secCode = p.secCode?.rawValue; scheduledDate = p.scheduledDate
            exportedInNachaFile = p.exportedInNachaFile; createdAt = p.createdAt; createdBy = p.createdBy; replayed = p.replayed
        }
    }
}

extension PaymentsController {
    /// `{"routing_number": "011000015", "account_number": "000123456789", "sec_code": "TEL", "reference": "REC-2026-0107"}`:
    /// the consumer's new authorization for a bank account whose authorization was revoked.
    struct BankAuthorizationBody: Decodable {
        let routingNumber: String
        let accountNumber: String
        let secCode: String
        let reference: String

        func authorization(account: String, by user: String) throws -> NewBankAuthorization {
            let routing: RoutingNumber
            do { routing = try RoutingNumber(routingNumber) } catch { throw APIError.badRequest(error.description, field: "routing_number") }
            guard let sec = NachaSECCode(rawValue: secCode.uppercased()) else {
                throw APIError.badRequest("sec_code must be PPD, WEB or TEL: how the consumer gave the new authorization", field: "sec_code")
            }
            return NewBankAuthorization(accountID: Account.ID(account), routing: routing, accountNumber: accountNumber, secCode: sec,
                                        reference: reference, recordedBy: user)
        }
    }

    /// `{"routing_number": "...", "account_last4": "6789", "channel": "phone", "reference": "REC-1"}`
    /// (or the full `account_number` instead of `account_last4`).
    struct RevocationBody: Decodable {
        let routingNumber: String
        let accountNumber: String?
        let accountLast4: String?
        let channel: String
        let reference: String

        func revocation(account: String, by user: String) throws -> NewConsumerRevocation {
            let routing: RoutingNumber
            do { routing = try RoutingNumber(routingNumber) } catch { throw APIError.badRequest(error.description, field: "routing_number") }
            guard let how = RevocationChannel(rawValue: channel) else {
                throw APIError.badRequest("channel must be one of \(RevocationChannel.allCases.map(\.rawValue).joined(separator: ", ")): how the consumer told us",
                                          field: "channel")
            }
            return NewConsumerRevocation(accountID: Account.ID(account), routing: routing, accountNumber: accountNumber, last4: accountLast4,
                                         channel: how, reference: reference, recordedBy: user)
        }
    }

    /// The revocation and the debits it cancelled on this account. Nothing of other accounts
    /// (the same bank account may pay another client's debt): neither their cancelled debits
    /// nor, for a revocation recorded on one of them, its reason or reference.
    struct RevocationResponse: ResponseEncodable {
        struct Cancelled: Encodable { let paymentId: String; let amountCents: Int64; let scheduledDate: LocalDate? }
        let revocationId: String
        let routingNumber: String
        let bankAccount: String
        let reason: String
        let revokedAt: Date
        let alreadyRevoked: Bool
        let cancelled: [Cancelled]

        init(_ result: ConsumerRevocationResult, account: Account.ID) {
            let r = result.revocation
            revocationId = r.id; routingNumber = r.routingNumber; bankAccount = r.bankAccountMasked
            reason = r.accountID == account ? r.reason : "already revoked (recorded on another account)"
            revokedAt = r.revokedAt; alreadyRevoked = result.alreadyRevoked
            cancelled = result.cancelled.filter { $0.account == account }
                .map { Cancelled(paymentId: $0.payment, amountCents: $0.amount.cents, scheduledDate: $0.scheduledDate) }
        }
    }

    /// What recording a new authorization lifted: the revocations, without the other accounts they came from.
    struct BankAuthorizationResponse: ResponseEncodable {
        struct Lifted: Encodable { let reasonCode: String?; let reason: String; let revokedAt: Date }
        let routingNumber: String
        let bankAccount: String
        let lifted: [Lifted]

        init(_ input: NewBankAuthorization, lifted: [BankAuthorizationRevocation]) {
            let bank = BankAccountIdentity(routing: input.routing, accountNumber: input.accountNumber)
            routingNumber = bank.routing; bankAccount = bank.masked
            self.lifted = lifted.map { Lifted(reasonCode: $0.reasonCode, reason: $0.reason, revokedAt: $0.revokedAt) }
        }
    }
}

extension PaymentError {
    /// The HTTP meaning of each refusal, mapped once at the edge.
    var http: (HTTPResponse.Status, String?) {
        switch self {
        case .idempotencyConflict: return (.conflict, "Idempotency-Key")
        case .ledger(.nonPositiveAmount): return (.badRequest, "amount_cents")
        case .ledger(.paymentExceedsBalance): return (.unprocessableContent, "amount_cents")
        case .ledger: return (.unprocessableContent, nil)
        case .unknownPayment: return (.notFound, nil)
        case .alreadyReversed: return (.conflict, nil)
        case .declined: return (HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), "card_token")
        case .invalid(let field, _): return (.badRequest, field)
        // Well-formed, but the consumer's revocation forbids it until a new authorization.
        case .authorizationRevoked: return (.unprocessableContent, "bank.account_number")
        case .bankAccountCorrected(let field, _, _, _, _): return (.unprocessableContent, field)
        }
    }
}
