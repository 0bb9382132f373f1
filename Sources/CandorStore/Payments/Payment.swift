import CandorCore
import Foundation

/// How the consumer pays.
public enum PaymentMethodInput: Sendable, Hashable {
    /// A card, as the processor's token (Candor never sees or stores a card number).
    case card(token: String)
    /// A debit from a bank account, sent in a NACHA file on `debitDate`.
    case bank(BankDebit)
}

public struct BankDebit: Sendable, Hashable {
    public var holderName: String
    public var routing: RoutingNumber
    public var accountNumber: String
    public var accountType: NachaAccountType
    public var secCode: NachaSECCode
    /// TEL only, required: the recorded call in which the consumer authorized the debit.
    public var recordingReference: String?
    public var debitDate: LocalDate

    public init(holderName: String, routing: RoutingNumber, accountNumber: String, accountType: NachaAccountType = .checking,
                secCode: NachaSECCode, recordingReference: String? = nil, debitDate: LocalDate) {
        self.holderName = holderName; self.routing = routing; self.accountNumber = accountNumber
        self.accountType = accountType; self.secCode = secCode; self.recordingReference = recordingReference
        self.debitDate = debitDate
    }
}

public struct PaymentRequest: Sendable, Hashable {
    public var accountID: Account.ID
    /// The client's key for this submission: the same key always means the same payment.
    public var idempotencyKey: String
    public var amount: Money
    public var method: PaymentMethodInput
    /// Who took the payment (a user ID, or `system:<job>`).
    public var createdBy: String
    public var waterfall: AllocationWaterfall?

    public init(accountID: Account.ID, idempotencyKey: String, amount: Money, method: PaymentMethodInput,
                createdBy: String, waterfall: AllocationWaterfall? = nil) {
        self.accountID = accountID; self.idempotencyKey = idempotencyKey; self.amount = amount; self.method = method
        self.createdBy = createdBy; self.waterfall = waterfall
    }
}

/// A payment as stored; bank numbers masked.
public struct StoredPayment: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable { case card, bank }
    public enum Status: String, Sendable, Hashable, Codable {
        /// Card: charged and on the ledger.
        case posted
        /// Bank: on the ledger, waiting for its NACHA file.
        case scheduled
        /// Bank: sent in a NACHA file.
        case exported
        /// Returned, charged back or cancelled: its allocation is undone on the ledger.
        case reversed
    }

    public var id: String
    public var accountID: Account.ID
    public var idempotencyKey: String
    public var method: Method
    public var amount: Money
    public var status: Status
    public var effectiveDate: LocalDate
    public var ledgerEntryID: LedgerEntry.ID
    public var reversalEntryID: LedgerEntry.ID?
    public var processorReference: String?
    public var bankAccountMasked: String?
    public var secCode: NachaSECCode?
    public var scheduledDate: LocalDate?
    public var exportedInNachaFile: String?
    public var createdAt: Date
    public var createdBy: String
    /// True when this answer is the earlier payment returned for a repeated idempotency key.
    public var replayed: Bool = false
}

public enum PaymentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key was used before on this account for a different payment.
    case idempotencyConflict(key: String)
    case ledger(LedgerError)
    case unknownPayment(String)
    case alreadyReversed(String)
    case declined(String)
    /// Input the caller must correct; `field` names it.
    case invalid(field: String, message: String)
    /// The consumer revoked or denied the authorization for this bank account (an ACH return
    /// said so, or they told us): no debit from it until a new authorization is recorded.
    case authorizationRevoked(bankAccount: String, reason: String, revokedOn: LocalDate)
    /// The bank corrected these details (a notification of change): debits go to the corrected
    /// routing number and account, which the consumer's authorization still covers.
    /// `field` is the request's field at fault (`bank.account_number`, `bank.routing_number`, `bank.account_type`).
    case bankAccountCorrected(field: String, bankAccount: String, correctedTo: String, change: String, on: LocalDate)

    public var description: String {
        switch self {
        case .idempotencyConflict(let key):
            return "idempotency key \(key) was already used for a different payment on this account; use a new key for a new payment"
        case .ledger(let e): return e.description
        case .unknownPayment(let id): return "no payment \(id)"
        case .alreadyReversed(let id): return "payment \(id) is already reversed"
        case .declined(let reason): return "the card was declined: \(reason)"
        case .invalid(_, let message): return message
        case .authorizationRevoked(let bank, let reason, let day):
            return "the authorization for bank account \(bank) was revoked (\(reason), recorded \(day)): "
                + "no debit may be taken from it until a new authorization from the consumer is recorded for it"
        case .bankAccountCorrected(_, let bank, let correctedTo, let change, let day):
            return "the bank corrected bank account \(bank) (notification of change \(change), received \(day)): "
                + "take the debit from \(correctedTo)"
        }
    }
}
