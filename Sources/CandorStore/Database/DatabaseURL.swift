import Foundation

/// Where the data lives: `sqlite:///path/file.sqlite` (the embedded default) or
/// `postgres://user:pass@host:port/db` (production, several app instances).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "./candor.sqlite"

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case unsupportedScheme(String)
        case missingPath(String)
        public var description: String {
            switch self {
            case .unsupportedScheme(let url):
                return "database URL '\(DatabaseLocation.redact(url))' is not supported: use sqlite:///path/file.sqlite or postgres://user:password@host:5432/database"
            case .missingPath(let url):
                return "database URL '\(url)' names no file: use sqlite:///path/file.sqlite (absolute) or sqlite://./relative.sqlite"
            }
        }
    }

    public init(url: String) throws(ParseError) {
        if url.hasPrefix("sqlite://") {
            let rest = String(url.dropFirst("sqlite://".count))
            guard !rest.isEmpty else { throw .missingPath(url) }
            self = .sqlite(path: rest)
        } else if url.hasPrefix("sqlite:") {
            let rest = String(url.dropFirst("sqlite:".count))
            guard !rest.isEmpty else { throw .missingPath(url) }
            self = .sqlite(path: rest)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else {
            throw .unsupportedScheme(url)
        }
    }

    public var isSQLite: Bool { if case .sqlite = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url): return DatabaseLocation.redact(url)
        }
    }

    /// Hides a password in a URL before it is printed or logged.
    static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.range(of: "@", range: schemeEnd.upperBound..<url.endIndex),
              let colon = url.range(of: ":", range: schemeEnd.upperBound..<at.lowerBound) else { return url }
        return String(url[..<colon.upperBound]) + "***" + String(url[at.lowerBound...])
    }
}
