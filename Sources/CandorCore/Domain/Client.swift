/// A creditor that places accounts with the agency.
public struct Client: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<Client>
    public var id: ID
    /// Short code used on files and in the CLI (`ACME`). Unique.
    public var code: String
    public var name: String

    public init(id: ID, code: String, name: String) {
        self.id = id; self.code = code; self.name = name
    }

    public enum CodeError: Error, Equatable, Sendable, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case .invalid(let s): return "client code '\(s)' must be 1–32 characters of A–Z, 0–9, '-' or '_'"
            }
        }
    }

    /// Client codes are upper-cased and limited to a safe alphabet: they appear in file
    /// names, URLs and reports.
    public static func normalizedCode(_ text: String) throws(CodeError) -> String {
        let upper = text.uppercased()
        guard (1...32).contains(upper.utf8.count),
              upper.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 })
        else { throw .invalid(text) }
        return upper
    }
}

/// One batch of accounts from a client's file.
public struct Placement: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<Placement>
    public var id: ID
    public var clientID: Client.ID
    public var fileName: String
    /// SHA-256 of the file's bytes: the same file sent again resumes this placement.
    public var fileSHA256: String
    public var status: Status
    public var rows: Int
    public var accepted: Int
    public var rejected: Int
    public var duplicates: Int

    public enum Status: String, Sendable, Codable { case importing, completed }

    public init(id: ID, clientID: Client.ID, fileName: String, fileSHA256: String, status: Status,
                rows: Int = 0, accepted: Int = 0, rejected: Int = 0, duplicates: Int = 0) {
        self.id = id; self.clientID = clientID; self.fileName = fileName; self.fileSHA256 = fileSHA256
        self.status = status; self.rows = rows; self.accepted = accepted; self.rejected = rejected
        self.duplicates = duplicates
    }
}
