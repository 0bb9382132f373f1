import Foundation

// The vocabulary of a contact decision (../shared/spec/contact-decisions.md).
// Every type is a Sendable value; instants are `Date`.

/// How a contact reaches the consumer.
public enum ContactChannel: String, Sendable, Hashable, CaseIterable, Codable {
    case phone, sms, email, letter

    /// Phone calls and texts go to a NANP number.
    public var usesPhoneNumber: Bool { self == .phone || self == .sms }

    /// Bit for channel masks.
    var bit: UInt8 {
        switch self {
        case .phone: return 1
        case .sms: return 2
        case .email: return 4
        case .letter: return 8
        }
    }
}

/// What kind of line a phone number is (TCPA treats mobiles specially).
public enum LineType: String, Sendable, Hashable, CaseIterable, Codable {
    case mobile, landline, voip, unknown
}

/// Where a contact point reaches the consumer.
public enum ContactPlace: String, Sendable, Hashable, CaseIterable, Codable {
    case personal, work, other
}

/// How a proposed phone call is placed.
public enum DialingMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// A person dials, one call.
    case manual
    case preview, progressive, predictive

    /// Anything but a person dialing one call counts as automated for TCPA consent
    /// (conservative: preview dialing is machine-placed too).
    public var isAutomated: Bool { self != .manual }
}

/// A standing fact about the account that stops some or all contact.
public enum AccountFlag: String, Sendable, Hashable, CaseIterable, Codable {
    case cease, attorney, bankruptcy, deceased
    case disputePending = "dispute_pending"
}

/// A set of `AccountFlag`s, stored as bits so `decide` never allocates.
public struct AccountFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let cease = AccountFlags(.cease)
    public static let attorney = AccountFlags(.attorney)
    public static let bankruptcy = AccountFlags(.bankruptcy)
    public static let deceased = AccountFlags(.deceased)
    public static let disputePending = AccountFlags(.disputePending)

    public init(_ flag: AccountFlag) {
        let index = AccountFlag.allCases.firstIndex(of: flag)!
        self.init(rawValue: 1 << UInt8(index))
    }

    public init<S: Sequence>(_ flags: S) where S.Element == AccountFlag {
        self.init()
        for flag in flags { insert(AccountFlags(flag)) }
    }

    public var flags: [AccountFlag] { AccountFlag.allCases.filter { contains(AccountFlags($0)) } }
}

/// Day of the week, Monday first (ISO 8601). The raw value is the spec's spelling.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Codable {
    case mon, tue, wed, thu, fri, sat, sun

    var index: Int { Weekday.allCases.firstIndex(of: self)! }
}

/// A set of weekdays as bits (bit 0 = Monday).
public struct WeekdaySet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init<S: Sequence>(_ days: S) where S.Element == Weekday {
        self.init()
        for day in days { insert(WeekdaySet(rawValue: 1 << UInt8(day.index))) }
    }
    public static let everyDay = WeekdaySet(rawValue: 0x7F)

    func contains(weekdayIndex: Int) -> Bool { rawValue & (1 << UInt8(weekdayIndex)) != 0 }
}

/// A time the consumer said is inconvenient, in the consumer's local time:
/// `from` inclusive, `to` exclusive, minutes after midnight. A window whose `to`
/// is earlier than its `from` runs past midnight into the next day; `days` name
/// the day on which the window starts.
public struct InconvenientWindow: Sendable, Hashable {
    public var days: WeekdaySet
    public var fromMinute: Int
    public var toMinute: Int

    /// `fromMinute` in 0..<1440, `toMinute` in 0...1440 and different from `fromMinute`.
    public init?(days: WeekdaySet, fromMinute: Int, toMinute: Int) {
        guard (0..<1440).contains(fromMinute), (0...1440).contains(toMinute),
              fromMinute != toMinute else { return nil }
        self.days = days
        self.fromMinute = fromMinute
        self.toMinute = toMinute
    }
}

/// A NANP number in E.164 form: "+1" and ten digits.
public struct NANPNumber: Sendable, Hashable, CustomStringConvertible {
    /// The ten national digits as a number (area code first).
    public let national: UInt64

    public init?(e164: String) {
        var utf8 = e164.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "+"), utf8.next() == UInt8(ascii: "1") else { return nil }
        var value: UInt64 = 0
        var count = 0
        while let byte = utf8.next() {
            guard byte >= 48, byte <= 57, count < 10 else { return nil }
            value = value * 10 + UInt64(byte - 48)
            count += 1
        }
        guard count == 10 else { return nil }
        national = value
    }

    /// The three-digit area code (NPA).
    public var areaCode: Int { Int(national / 10_000_000) }
    public var e164: String {
        let digits = String(national)
        return "+1" + String(repeating: "0", count: 10 - digits.count) + digits
    }
    public var description: String { e164 }
}

/// A US ZIP code (five digits; a ZIP+4 keeps its first five).
public struct ZIPCode: Sendable, Hashable, CustomStringConvertible {
    public let value: Int

    /// Accepts "02139" and "02139-4307".
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 || (bytes.count == 10 && bytes[5] == UInt8(ascii: "-")) else { return nil }
        var value = 0
        for (i, byte) in bytes.enumerated() where i != 5 {
            guard byte >= 48, byte <= 57 else { return nil }
            if i < 5 { value = value * 10 + Int(byte - 48) }
        }
        self.value = value
    }

    /// The three-digit prefix (sectional center), the fallback for an unlisted ZIP.
    public var prefix: Int { value / 100 }
    public var description: String {
        let digits = String(value)
        return String(repeating: "0", count: 5 - digits.count) + digits
    }
}

/// A two-letter USPS state or territory code ("MA", "PR").
public struct USStateCode: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    /// (first letter) * 26 + (second letter): an index for table look-ups.
    let key: Int

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 2 else { return nil }
        func letter(_ b: UInt8) -> Int? {
            switch b {
            case 65...90: return Int(b - 65)
            case 97...122: return Int(b - 97)
            default: return nil
            }
        }
        guard let a = letter(bytes[0]), let b = letter(bytes[1]) else { return nil }
        key = a * 26 + b
        code = text.uppercased()
    }

    public var description: String { code }
}

/// Where a contact point sends the contact, normalized for comparison with opt-outs.
public enum ContactAddress: Sendable, Hashable {
    case phone(NANPNumber)
    /// An email or postal address, compared case-insensitively (stored lowercased).
    case text(String)

    public init(channel: ContactChannel, raw: String) {
        if channel.usesPhoneNumber, let number = NANPNumber(e164: raw) {
            self = .phone(number)
        } else {
            self = .text(raw.trimmingCharacters(in: .whitespaces).lowercased())
        }
    }

    public var phoneNumber: NANPNumber? {
        if case .phone(let number) = self { return number }
        return nil
    }
}

/// A consumer's request not to be contacted on a channel (at one address or all).
public struct OptOut: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// `"*"`: the whole channel.
        case everyAddress
        case address(ContactAddress)
    }
    public var channel: ContactChannel
    public var target: Target

    public init(channel: ContactChannel, target: Target) {
        self.channel = channel
        self.target = target
    }

    /// `"*"` means the whole channel; anything else is one address on that channel.
    public init(channel: ContactChannel, address: String) {
        self.channel = channel
        self.target = address == "*" ? .everyAddress : .address(ContactAddress(channel: channel, raw: address))
    }

    func matches(channel proposed: ContactChannel, address: ContactAddress) -> Bool {
        guard proposed == channel else { return false }
        switch target {
        case .everyAddress: return true
        case .address(let optedOut): return optedOut == address
        }
    }
}
