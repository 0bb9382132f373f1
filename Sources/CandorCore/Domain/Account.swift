/// One debt of one consumer, placed by a client.
public struct Account: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<Account>
    public var id: ID
    public var clientID: Client.ID
    public var placementID: Placement.ID?
    public var consumerID: Consumer.ID
    /// The client's own account number; unique within the client.
    public var clientAccountNumber: String
    public var originalCreditor: String?
    public var currentCreditor: String?
    public var product: Product?
    public var itemization: Itemization
    public var chargeOffDate: LocalDate?
    public var lastPaymentDate: LocalDate?
    public var delinquencyDate: LocalDate?
    public var openDate: LocalDate?
    public var status: Status

    public init(id: ID, clientID: Client.ID, placementID: Placement.ID?, consumerID: Consumer.ID,
                clientAccountNumber: String, originalCreditor: String? = nil, currentCreditor: String? = nil,
                product: Product? = nil, itemization: Itemization, chargeOffDate: LocalDate? = nil,
                lastPaymentDate: LocalDate? = nil, delinquencyDate: LocalDate? = nil, openDate: LocalDate? = nil,
                status: Status = .open) {
        self.id = id; self.clientID = clientID; self.placementID = placementID; self.consumerID = consumerID
        self.clientAccountNumber = clientAccountNumber; self.originalCreditor = originalCreditor
        self.currentCreditor = currentCreditor; self.product = product; self.itemization = itemization
        self.chargeOffDate = chargeOffDate; self.lastPaymentDate = lastPaymentDate
        self.delinquencyDate = delinquencyDate; self.openDate = openDate; self.status = status
    }

    public enum Product: String, Sendable, Hashable, Codable, CaseIterable {
        case creditCard = "credit_card", medical, auto, utility, telecom
        case studentLoan = "student_loan", other
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open, paidInFull = "paid_in_full", settled, closed, recalled
    }
}

/// The Regulation F itemization (12 CFR 1006.34(c)(2)): the amount owed on the itemization
/// date and what changed since, as placed by the client.
public struct Itemization: Sendable, Hashable, Codable {
    public enum DateType: String, Sendable, Hashable, Codable, CaseIterable {
        case lastStatement = "last_statement", chargeOff = "charge_off", lastPayment = "last_payment"
        case transaction, judgment
    }

    public var dateType: DateType
    public var date: LocalDate
    public var amount: Money
    public var interestSince: Money
    public var feesSince: Money
    public var paymentsSince: Money
    public var creditsSince: Money

    public init(dateType: DateType, date: LocalDate, amount: Money, interestSince: Money = .zero,
                feesSince: Money = .zero, paymentsSince: Money = .zero, creditsSince: Money = .zero) {
        self.dateType = dateType; self.date = date; self.amount = amount; self.interestSince = interestSince
        self.feesSince = feesSince; self.paymentsSince = paymentsSince; self.creditsSince = creditsSince
    }

    /// What the consumer owed at placement: amount + interest + fees − payments − credits.
    public var balanceAtPlacement: Money {
        amount + interestSince + feesSince - paymentsSince - creditsSince
    }
}
