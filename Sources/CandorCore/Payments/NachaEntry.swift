/// Standard Entry Class codes Candor originates: how the consumer authorized the debit.
public enum NachaSECCode: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Prearranged Payment and Deposit: written (signed) authorization.
    case ppd = "PPD"
    /// Telephone-initiated: oral authorization on a recorded call.
    case tel = "TEL"
    /// Internet-initiated: authorization on the web.
    case web = "WEB"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum NachaAccountType: String, Sendable, Hashable, Codable {
    case checking, savings
}

public enum NachaDirection: String, Sendable, Hashable, Codable {
    /// We pull money from the consumer's account (a payment).
    case debit
    /// We push money to it (a refund of an overpayment).
    case credit
}

/// WEB and TEL entries say whether the authorization is for one debit or a series
/// (Payment Type Code, positions 77–78 of the entry detail record).
public enum NachaPaymentType: String, Sendable, Hashable, Codable {
    case single = "S"
    case recurring = "R"
}

/// One debit (or credit) to put in a NACHA file.
public struct NachaEntry: Sendable, Hashable, Codable {
    public var name: String
    public var routing: RoutingNumber
    public var accountNumber: String
    public var amount: Money
    public var accountType: NachaAccountType
    public var direction: NachaDirection
    /// Our reference for the consumer (e.g. the account number at the agency); exported in
    /// Individual Identification Number (positions 40–54) for PPD and WEB.
    public var individualID: String
    public var secCode: NachaSECCode
    public var paymentType: NachaPaymentType
    /// TEL only, required: the reference of the recorded call in which the consumer
    /// authorized the debit. NACHA requires the Originator to keep the recording (or a copy
    /// of the written notice) for two years from the authorization; exporting the reference
    /// lets a return or an RDFI's request for proof be matched to the recording. TEL
    /// entries cannot carry addenda, so it goes in Individual Identification Number
    /// (15 characters) in place of `individualID`.
    public var recordingReference: String?
    /// PPD and WEB only, optional: one 05 addenda record (80 characters).
    public var paymentRelatedInfo: String?

    public init(name: String, routing: RoutingNumber, accountNumber: String, amount: Money,
                accountType: NachaAccountType = .checking, direction: NachaDirection = .debit,
                individualID: String, secCode: NachaSECCode, paymentType: NachaPaymentType = .single,
                recordingReference: String? = nil, paymentRelatedInfo: String? = nil) {
        self.name = name; self.routing = routing; self.accountNumber = accountNumber; self.amount = amount
        self.accountType = accountType; self.direction = direction; self.individualID = individualID
        self.secCode = secCode; self.paymentType = paymentType; self.recordingReference = recordingReference
        self.paymentRelatedInfo = paymentRelatedInfo
    }

    /// Transaction code: 22/27 checking credit/debit, 32/37 savings credit/debit.
    public var transactionCode: String {
        switch (accountType, direction) {
        case (.checking, .credit): return "22"
        case (.checking, .debit): return "27"
        case (.savings, .credit): return "32"
        case (.savings, .debit): return "37"
        }
    }
}

/// The agency as Originator, and the bank (ODFI) it sends files to.
public struct NachaOriginator: Sendable, Hashable, Codable {
    /// File header "Immediate Destination": the routing number of the ODFI or ACH operator.
    public var immediateDestination: RoutingNumber
    public var immediateDestinationName: String
    /// File header "Immediate Origin": 10 characters as the bank assigned them (often
    /// "1" + EIN), or a 9-digit routing number, which is written with a leading space.
    public var immediateOrigin: String
    public var immediateOriginName: String
    /// Batch header Company Name (16) as it appears on the consumer's statement.
    public var companyName: String
    /// Batch header Company Identification (10), usually "1" + EIN.
    public var companyID: String
    /// The ODFI: its first 8 digits go in batch records and trace numbers.
    public var originatingDFI: RoutingNumber
    /// Company Entry Description (10), shown on the consumer's statement.
    public var entryDescription: String

    public init(immediateDestination: RoutingNumber, immediateDestinationName: String, immediateOrigin: String,
                immediateOriginName: String, companyName: String, companyID: String,
                originatingDFI: RoutingNumber? = nil, entryDescription: String = "PAYMENT") {
        self.immediateDestination = immediateDestination; self.immediateDestinationName = immediateDestinationName
        self.immediateOrigin = immediateOrigin; self.immediateOriginName = immediateOriginName
        self.companyName = companyName; self.companyID = companyID
        self.originatingDFI = originatingDFI ?? immediateDestination; self.entryDescription = entryDescription
    }
}

/// When the file was made and which file of the day it is: injected, so output is deterministic.
public struct NachaFileStamp: Sendable, Hashable, Codable {
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    /// "A" for the first file of the day to the same destination, then "B", … "Z", "0" … "9".
    public var fileIDModifier: Character

    public init(date: LocalDate, hour: Int, minute: Int, fileIDModifier: Character = "A") {
        self.date = date; self.hour = hour; self.minute = minute; self.fileIDModifier = fileIDModifier
    }

    enum CodingKeys: String, CodingKey { case date, hour, minute, fileIDModifier }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(LocalDate.self, forKey: .date)
        hour = try c.decode(Int.self, forKey: .hour)
        minute = try c.decode(Int.self, forKey: .minute)
        let modifier = try c.decode(String.self, forKey: .fileIDModifier)
        guard modifier.count == 1, let ch = modifier.first else {
            throw DecodingError.dataCorruptedError(forKey: .fileIDModifier, in: c, debugDescription: "one character")
        }
        fileIDModifier = ch
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date); try c.encode(hour, forKey: .hour); try c.encode(minute, forKey: .minute)
        try c.encode(String(fileIDModifier), forKey: .fileIDModifier)
    }
}
