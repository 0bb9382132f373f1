/// The person who owes a debt.
public struct Consumer: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<Consumer>
    public var id: ID
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: LocalDate?
    /// Masked form only (`***-**-6789`); the number itself lives encrypted in storage.
    public var ssnMasked: String?
    public var addresses: [PostalAddress]
    public var phones: [ContactPhone]
    public var emails: [String]
    /// ISO 639-1 (`en`, `es`).
    public var language: String?

    public init(id: ID, firstName: String, lastName: String, dateOfBirth: LocalDate? = nil,
                ssnMasked: String? = nil, addresses: [PostalAddress] = [], phones: [ContactPhone] = [],
                emails: [String] = [], language: String? = nil) {
        self.id = id; self.firstName = firstName; self.lastName = lastName
        self.dateOfBirth = dateOfBirth; self.ssnMasked = ssnMasked; self.addresses = addresses
        self.phones = phones; self.emails = emails; self.language = language
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

public struct PostalAddress: Sendable, Hashable, Codable {
    public var line1: String?
    public var line2: String?
    public var city: String?
    /// USPS code of a state, DC or territory.
    public var state: String?
    /// 5 digits or ZIP+4.
    public var postalCode: String?

    public init(line1: String? = nil, line2: String? = nil, city: String? = nil, state: String? = nil,
                postalCode: String? = nil) {
        self.line1 = line1; self.line2 = line2; self.city = city; self.state = state
        self.postalCode = postalCode
    }

    public var isEmpty: Bool {
        line1 == nil && line2 == nil && city == nil && state == nil && postalCode == nil
    }
}

public enum PhoneLineType: String, Sendable, Hashable, Codable, CaseIterable {
    case mobile, landline, voip, unknown
}

public struct ContactPhone: Sendable, Hashable, Codable {
    public var number: PhoneNumber
    public var lineType: PhoneLineType
    /// Prior express consent to autodialed or prerecorded calls and texts (TCPA).
    public var autodialerConsent: Bool

    public init(number: PhoneNumber, lineType: PhoneLineType = .unknown, autodialerConsent: Bool = false) {
        self.number = number; self.lineType = lineType; self.autodialerConsent = autodialerConsent
    }
}

/// US states, DC and territories (USPS codes) accepted on a mailing address.
public enum USState {
    public static let codes: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
        "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
        "VA", "WA", "WV", "WI", "WY", "DC",
        "PR", "VI", "GU", "AS", "MP", "UM",
        // Military "states" of APO/FPO addresses.
        "AA", "AE", "AP",
    ]
}
