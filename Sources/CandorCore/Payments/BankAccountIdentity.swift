/// A consumer's bank account as ACH knows it: the routing number and the account number,
/// the number compared the way its NACHA entry carries it (spaces and dashes dropped, letters
/// uppercased), so `0001-2345 6` and `000123456` are one account.
///
/// An authorization is given for a bank account: when a return says the consumer revoked or
/// denied it (`NachaReturn.authorizationRevoked`), no further debit may be originated from
/// that account (Nacha Rule 2.3.2.5; Reg E 12 CFR 1005.10(c)) until a new authorization is
/// obtained, whatever debt the debit would pay.
public struct BankAccountIdentity: Sendable, Hashable {
    /// Nine digits.
    public let routing: String
    /// Normalized: no spaces or dashes, uppercase.
    public let accountNumber: String

    public init(routing: String, accountNumber: String) {
        self.routing = routing
        self.accountNumber = Self.normalized(accountNumber)
    }

    public init(routing: RoutingNumber, accountNumber: String) {
        self.init(routing: routing.digits, accountNumber: accountNumber)
    }

    /// What the file carries in the DFI Account Number field.
    public static func normalized(_ accountNumber: String) -> String {
        String(accountNumber.unicodeScalars.filter { $0 != " " && $0 != "-" }).uppercased()
    }

    /// The last four characters: stored and shown beside the encrypted number, and the
    /// first filter when looking the account up.
    public var last4: String { String(accountNumber.suffix(4)) }

    public var masked: String { Self.masked(last4: last4) }

    /// `****1234`: how a bank account is shown anywhere outside its encrypted column.
    public static func masked(last4: String) -> String { "****" + last4 }

    /// A stable 32-bit key for the routing number and last four (FNV-1a), not the full number:
    /// it names a lock, and a lock is visible to anyone who can list the database's locks.
    /// Accounts sharing it only wait for each other.
    public var lockKey: Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in (routing + "|" + last4).utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }
}
