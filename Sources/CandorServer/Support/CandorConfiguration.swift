import CandorStore
import Configuration
import Foundation

/// Settings shared by every `candor` subcommand. Precedence: command-line flags, then
/// environment (`CANDOR_DATABASE_URL`, `CANDOR_ENCRYPTION_KEY`, `CANDOR_KEY_FILE`), then
/// defaults (a SQLite file `./candor.sqlite`). No default secret exists: on SQLite a key file
/// is generated on first use; on PostgreSQL the key must be given.
public struct CandorConfiguration: Sendable {
    public var database: DatabaseLocation
    public var encryptionKey: String?
    public var keyFile: String?
    /// Where call recordings are kept, encrypted (`CANDOR_RECORDINGS_DIR`; default
    /// `recordings/` beside the SQLite file, `./recordings` on PostgreSQL).
    public var recordingsDirectory: String?
    /// Whether `candor serve` runs the speech analysis worker (`CANDOR_SPEECH_WORKER`, default true).
    public var speechWorker: Bool

    public enum Key {
        public static let recordingsDirectory = "candor.recordings.dir"
        public static let speechWorker = "candor.speech.worker"
        public static let databaseURL = "candor.database.url"
        public static let encryptionKey = "candor.encryption.key"
        public static let keyFile = "candor.key.file"
    }

    /// Reads the configuration. `overrides` are the command-line flags given (key → value).
    public init(overrides: [String: String], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in overrides {
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = .init(.string(value), isSecret: key == Key.encryptionKey)
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: values),
            EnvironmentVariablesProvider(environmentVariables: environment,
                                         secretsSpecifier: .specific(["CANDOR_ENCRYPTION_KEY"])),
        ])
        try self.init(reader: reader)
    }

    public init(reader: ConfigReader) throws {
        let url = reader.string(forKey: ConfigKey(Key.databaseURL))
        database = try url.map { try DatabaseLocation(url: $0) } ?? .sqlite(path: DatabaseLocation.defaultSQLitePath)
        encryptionKey = reader.string(forKey: ConfigKey(Key.encryptionKey), isSecret: true)
        keyFile = reader.string(forKey: ConfigKey(Key.keyFile))
        recordingsDirectory = reader.string(forKey: ConfigKey(Key.recordingsDirectory))
        let worker = reader.string(forKey: ConfigKey(Key.speechWorker))?.lowercased()
        speechWorker = !["0", "false", "off", "no"].contains(worker ?? "on")
    }

    public var recordingsURL: URL? { recordingsDirectory.map { URL(fileURLWithPath: $0) } }

    public func resolveCipher() throws -> EncryptionKeySource.Resolved {
        try EncryptionKeySource.resolve(explicitKey: encryptionKey, keyFile: keyFile, location: database)
    }
}
