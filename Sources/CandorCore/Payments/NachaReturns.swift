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
    /// controls, filler) are read for length only; addenda other than type 99 (e.g.
    /// notifications of change, 98) are skipped. The whole file is checked before anything
    /// is returned, so a bad file changes nothing.
    public static func parse(_ text: String) throws(NachaReturnError) -> [NachaReturn] {
        var returns: [NachaReturn] = []
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
            case UInt8(ascii: "7"):
                guard field(2, 3) == "99" else { continue }
                guard let amount = pendingAmount else { throw .addendaWithoutEntry(line: lineNumber) }
                let code = field(4, 6)
                guard code.first == "R", code.dropFirst().allSatisfy(\.isNumber) else {
                    throw .malformed(line: lineNumber, field: "return reason code (positions 4–6)", value: code)
                }
                let trace = field(7, 21)
                guard trace.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw .malformed(line: lineNumber, field: "original entry trace number (positions 7–21)", value: trace)
                }
                returns.append(NachaReturn(originalTrace: trace, reasonCode: code, amount: amount, line: lineNumber))
                pendingAmount = nil
            default:
                continue
            }
        }
        return returns
    }
}
