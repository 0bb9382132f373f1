/// The columns of a placement file (shared/spec/placements.md), in the spec's order.
/// The raw value indexes per-row lookup tables; `name` is the header name and the
/// `column` of a `PlacementRowError`.
public enum PlacementColumn: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case accountNumber, firstName, lastName, dateOfBirth, ssn
    case addressLine1, addressLine2, city, state, postalCode
    case phone1, phone2, phone3
    case phone1Type, phone2Type, phone3Type
    case phone1Consent, phone2Consent, phone3Consent
    case email, originalCreditor, currentCreditor, product
    case itemizationDateType, itemizationDate, itemizationAmount
    case interestSince, feesSince, paymentsSince, creditsSince, currentBalance
    case chargeOffDate, lastPaymentDate, delinquencyDate, openDate
    case language

    /// The header name, as the spec writes it.
    public var name: String { PlacementColumn.names[rawValue] }
    public var description: String { name }

    public var isRequired: Bool {
        switch self {
        case .accountNumber, .firstName, .lastName, .itemizationDateType, .itemizationDate,
             .itemizationAmount, .currentBalance:
            return true
        default:
            return false
        }
    }

    /// Indexed by `rawValue`; a test checks it against `allCases`.
    static let names: [String] = [
        "account_number", "first_name", "last_name", "date_of_birth", "ssn",
        "address_line1", "address_line2", "city", "state", "postal_code",
        "phone1", "phone2", "phone3",
        "phone1_type", "phone2_type", "phone3_type",
        "phone1_consent", "phone2_consent", "phone3_consent",
        "email", "original_creditor", "current_creditor", "product",
        "itemization_date_type", "itemization_date", "itemization_amount",
        "interest_since", "fees_since", "payments_since", "credits_since", "current_balance",
        "charge_off_date", "last_payment_date", "delinquency_date", "open_date",
        "language",
    ]

    static let byName: [String: PlacementColumn] = {
        var map: [String: PlacementColumn] = [:]
        for column in allCases { map[column.name] = column }
        return map
    }()

    /// Header names are case-insensitive and tolerate surrounding spaces
    /// (`" Account_Number "` is `account_number`).
    public init?(headerName: String) {
        var bytes = Array(headerName.utf8)
        bytes = Array(PlacementBytes.trimmed(bytes[...]))
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        guard let column = PlacementColumn.byName[String(decoding: bytes, as: UTF8.self)] else { return nil }
        self = column
    }

    /// The column that holds phone `n`'s (0-based) number, type or consent.
    static let phoneNumbers: [PlacementColumn] = [.phone1, .phone2, .phone3]
    static let phoneTypes: [PlacementColumn] = [.phone1Type, .phone2Type, .phone3Type]
    static let phoneConsents: [PlacementColumn] = [.phone1Consent, .phone2Consent, .phone3Consent]
}
