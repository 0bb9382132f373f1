/// One returned entry in an ACH return file from the ODFI: the return entry detail (6) and
/// its return addenda (7, addenda type 99), which quotes the trace number of the entry we
/// originated and the return reason (NACHA Operating Rules, Appendix Four).
public struct NachaReturn: Sendable, Hashable {
    /// The trace number of our original entry (addenda positions 7–21).
    public var originalTrace: String
    /// `R01`, `R02`, ...
    public var reasonCode: String
    /// The returned amount (the return entry's amount field).
    public var amount: Money
    /// 1-based line of the addenda record in the file.
    public var line: Int

    /// Plain words for the codes a collection agency sees most.
    public var reason: String { Self.describe(reasonCode) }

    /// Plain words for a return reason code.
    public static func describe(_ code: String) -> String { reasons[code] ?? "return reason \(code)" }

    /// The consumer withdrew or denied the authorization: no further debit may be
    /// originated on it (Nacha Rule 2.3.2.5 / Reg E 1005.10), whatever the balance.
    public var authorizationRevoked: Bool { ["R05", "R07", "R10", "R29", "R51"].contains(reasonCode) }

    static let reasons = [
        "R01": "insufficient funds", "R02": "account closed", "R03": "no account / unable to locate account",
        "R04": "invalid account number", "R05": "unauthorized debit to consumer account",
        "R06": "returned per ODFI's request", "R07": "authorization revoked by customer", "R08": "payment stopped",
        "R09": "uncollected funds", "R10": "customer advises not authorized", "R16": "account frozen",
        "R20": "non-transaction account", "R29": "corporate customer advises not authorized",
        "R51": "item related to RCK entry is ineligible or improper",
    ]
}

/// A notification of change (a COR entry and its addenda, type 98): the receiving bank
/// accepted an entry we sent but tells us its account information is outdated. The Nacha Rules
/// (Subsection 2.12.1) require the originator to make the change within six banking days of
/// receiving it or before its next entry to that account, whichever is later.
public struct NachaChange: Sendable, Hashable {
    /// What the bank says is right now. Decoded for the codes that correct where money comes
    /// from (C01, C02, C03, C05, C06, C07); nil parts are unchanged.
    public struct Correction: Sendable, Hashable {
        public var routing: RoutingNumber?
        public var accountNumber: String?
        public var accountType: NachaAccountType?

        public init(routing: RoutingNumber? = nil, accountNumber: String? = nil, accountType: NachaAccountType? = nil) {
            self.routing = routing; self.accountNumber = accountNumber; self.accountType = accountType
        }
    }
    /// The trace number of our original entry (addenda positions 7–21).
    public var originalTrace: String
    /// `C01`, `C02`, ...
    public var changeCode: String
    /// The corrected data field (positions 36–64), trailing spaces dropped.
    public var correctedData: String
    /// Nil for the codes a person must read (C08 receiving DFI, C09 individual ID, C13 addenda
    /// format, C14 SEC code): nothing in a bank account changes; and when `problem` is set.
    public var correction: Correction?
    /// Why a correction could not be read (a routing number with a wrong check digit, an
    /// account number with other characters, data shifted out of its positions): a person reads it.
    public var problem: String?
    /// 1-based line of the addenda record in the file.
    public var line: Int

    public var meaning: String { Self.describe(changeCode) }

    /// Plain words for a change code.
    public static func describe(_ code: String) -> String { meanings[code] ?? "change code \(code)" }

    static let meanings = [
        "C01": "incorrect bank account number", "C02": "incorrect routing number",
        "C03": "incorrect routing number and bank account number", "C05": "incorrect transaction code (account type)",
        "C06": "incorrect bank account number and transaction code",
        "C07": "incorrect routing number, bank account number and transaction code",
        "C08": "incorrect receiving DFI identification", "C09": "incorrect individual identification",
        "C13": "addenda format error", "C14": "incorrect SEC code for outbound international payment",
    ]

    /// The account type a transaction code names: 2x checking, 3x savings.
    static func accountType(transactionCode code: String) -> NachaAccountType? {
        guard code.count == 2, let n = Int(code) else { return nil }
        switch n {
        case 21...29: return .checking
        case 31...39: return .savings
        default: return nil
        }
    }
}

/// Everything an ODFI's return file carries for us: returns and notifications of change.
public struct NachaReturnFile: Sendable, Hashable {
    public var returns: [NachaReturn]
    public var changes: [NachaChange]

    /// Whether applying the file reads stored bank account numbers (a revoking return compares
    /// them, a correction rewrites them), so the field key must be checked before its first entry.
    public var readsBankAccounts: Bool {
        returns.contains(where: \.authorizationRevoked) || changes.contains { $0.correction != nil }
    }
}

public enum NachaReturnError: Error, Equatable, Sendable, CustomStringConvertible {
    case recordLength(line: Int, length: Int)
    case addendaWithoutEntry(line: Int)
    case malformed(line: Int, field: String, value: String)

    public var description: String {
        switch self {
        case .recordLength(let line, let length):
            return "line \(line): a NACHA record is 94 characters, this one has \(length)"
        case .addendaWithoutEntry(let line):
            return "line \(line): a return addenda (799) must follow its entry detail record (6)"
        case .malformed(let line, let field, let value):
            return "line \(line): \(field) is not valid (\"\(value)\")"
        }
    }
}

public enum NachaReturnParser {
    /// Every return in the file, in file order. Record types other than 6 and 7 (headers,
    /// controls, filler) are read for length only; addenda other than types 99 and 98 are
    /// skipped. The whole file is checked before anything is returned, so a bad file changes
    /// nothing.
    public static func parse(_ text: String) throws(NachaReturnError) -> [NachaReturn] {
        try parseFile(text).returns
    }

    /// The returns and the notifications of change (addenda 98) of a file, in file order. The
    /// whole file is checked before anything is returned; a correction that cannot be read
    /// (a routing number with a wrong check digit, an empty account number) names its line.
    public static func parseFile(_ text: String) throws(NachaReturnError) -> NachaReturnFile {
        var returns: [NachaReturn] = []
        var changes: [NachaChange] = []
        var pendingAmount: Money?
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty { continue }
            let bytes = Array(line.utf8)
            guard bytes.count == 94 else { throw .recordLength(line: lineNumber, length: bytes.count) }
            func field(_ from: Int, _ to: Int) -> String { String(decoding: bytes[(from - 1)..<to], as: UTF8.self) }
            switch bytes[0] {
            case UInt8(ascii: "6"):
                let amount = field(30, 39)
                guard amount.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let cents = Int64(amount) else {
                    throw .malformed(line: lineNumber, field: "amount (positions 30–39)", value: amount)
                }
                pendingAmount = Money(cents: cents)
            case UInt8(ascii: "7") where field(2, 3) == "98":
                guard pendingAmount != nil else { throw .addendaWithoutEntry(line: lineNumber) }
                changes.append(try change(field, line: lineNumber))
                pendingAmount = nil
            case UInt8(ascii: "7"):
                guard field(2, 3) == "99" else { continue }
                guard let amount = pendingAmount else { throw .addendaWithoutEntry(line: lineNumber) }
                let (code, trace) = try codeAndTrace(field, letter: "R", name: "return reason code", line: lineNumber)
                returns.append(NachaReturn(originalTrace: trace, reasonCode: code, amount: amount, line: lineNumber))
                pendingAmount = nil
            default:
                continue
            }
        }
        return NachaReturnFile(returns: returns, changes: changes)
    }

    /// An addenda's code (positions 4–6: `letter` and two digits) and the trace number of our
    /// original entry (7–21), each checked; the same layout in return (99) and change (98) addenda.
    static func codeAndTrace(_ field: (Int, Int) -> String, letter: Character, name: String,
                             line: Int) throws(NachaReturnError) -> (code: String, trace: String) {
        let code = field(4, 6)
        guard code.first == letter, code.dropFirst().allSatisfy(\.isNumber) else {
            throw .malformed(line: line, field: "\(name) (positions 4–6)", value: code)
        }
        let trace = field(7, 21)
        guard trace.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw .malformed(line: line, field: "original entry trace number (positions 7–21)", value: trace)
        }
        return (code, trace)
    }

    /// One notification of change, its corrected data read by the layout its code prescribes
    /// (Nacha Operating Rules, Appendix Five).
    static func change(_ field: (Int, Int) -> String, line: Int) throws(NachaReturnError) -> NachaChange {
        let (code, trace) = try codeAndTrace(field, letter: "C", name: "change code", line: line)
        let data = field(36, 64)
        // Corrected data position p is record position 35 + p. A correction that cannot be
        // right is not applied but listed for a person (`problem`): one bad notice must not
        // hold back the returns of the same file. Values are not quoted: they may be account numbers.
        enum Unreadable: Error { case field(String) }
        func part(_ from: Int, _ to: Int) -> String { field(35 + from, 35 + to).trimmingCharacters(in: .whitespaces) }
        func positions(_ from: Int, _ to: Int) -> String { "positions \(35 + from)–\(35 + to)" }
        func routing(_ from: Int, _ to: Int) throws(Unreadable) -> RoutingNumber {
            do { return try RoutingNumber(part(from, to)) } catch { throw .field("the corrected routing number (\(positions(from, to))) is not a valid routing number") }
        }
        func account(_ from: Int, _ to: Int) throws(Unreadable) -> String {
            let number = part(from, to)
            guard (1...17).contains(number.utf8.count), number.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else {
                throw .field("the corrected account number (\(positions(from, to))) is not 1–17 letters or digits")
            }
            return number
        }
        func type(_ from: Int, _ to: Int) throws(Unreadable) -> NachaAccountType {
            guard let t = NachaChange.accountType(transactionCode: part(from, to)) else {
                throw .field("the corrected transaction code (\(positions(from, to))) is not a checking or savings code")
            }
            return t
        }
        func blank(_ from: Int, _ to: Int) throws(Unreadable) {
            guard part(from, to).isEmpty else { throw .field("\(positions(from, to)) must be blank for \(code): the corrected data is shifted") }
        }
        var correction: NachaChange.Correction?, problem: String?
        do throws(Unreadable) {
            switch code {
            case "C01": correction = .init(accountNumber: try account(1, 17))
            case "C02": correction = .init(routing: try routing(1, 9))
            case "C03": try blank(10, 12); correction = .init(routing: try routing(1, 9), accountNumber: try account(13, 29))
            case "C05": correction = .init(accountType: try type(1, 2))
            case "C06": try blank(18, 20); correction = .init(accountNumber: try account(1, 17), accountType: try type(21, 22))
            case "C07": correction = .init(routing: try routing(1, 9), accountNumber: try account(10, 26), accountType: try type(27, 28))
            default: correction = nil
            }
        } catch {
            switch error { case .field(let message): problem = message }
        }
        var trimmed = data
        while trimmed.last == " " { trimmed.removeLast() }
        return NachaChange(originalTrace: trace, changeCode: code, correctedData: trimmed, correction: correction, problem: problem, line: line)
    }
}
