import ArgumentParser
import CandorServer
import CandorStore
import Foundation

/// `--database`, `--encryption-key`, `--key-file`: every command that touches data has them.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database URL: sqlite:///path/file.sqlite or postgres://user:pass@host:5432/db (env CANDOR_DATABASE_URL; default ./candor.sqlite)", valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Field-encryption key, 32 bytes base64 (env CANDOR_ENCRYPTION_KEY)", valueName: "base64"))
    var encryptionKey: String?

    @Option(name: .long, help: ArgumentHelp("File holding the field-encryption key (env CANDOR_KEY_FILE; SQLite default: <database file>.key, generated if absent)", valueName: "path"))
    var keyFile: String?

    @Option(name: .long, help: ArgumentHelp("Directory of the encrypted call recordings (env CANDOR_RECORDINGS_DIR; default: recordings/ beside the SQLite file, ./recordings on PostgreSQL)", valueName: "path"))
    var recordingsDir: String?

    func configuration() throws -> CandorConfiguration {
        var overrides: [String: String] = [:]
        if let recordingsDir { overrides[CandorConfiguration.Key.recordingsDirectory] = recordingsDir }
        if let database { overrides[CandorConfiguration.Key.databaseURL] = database }
        if let encryptionKey { overrides[CandorConfiguration.Key.encryptionKey] = encryptionKey }
        if let keyFile { overrides[CandorConfiguration.Key.keyFile] = keyFile }
        do { return try CandorConfiguration(overrides: overrides) } catch {
            throw CLIError("\(error)")
        }
    }

    /// Opens the database, runs pending migrations and resolves the key; says on stderr when
    /// a key file was generated.
    func open(needsKey: Bool = true) async throws -> (CandorDatabase, FieldCipher?, CandorConfiguration) {
        let config = try configuration()
        var cipher: FieldCipher?
        if needsKey {
            do {
                let resolved = try config.resolveCipher()
                if let file = resolved.generatedFile {
                    Console.err("candor: generated a new field-encryption key in \(file) (mode 0600). Back it up: without it the encrypted SSNs and bank numbers cannot be read.")
                }
                cipher = resolved.cipher
            } catch { throw CLIError("\(error)") }
        }
        let database: CandorDatabase
        do { database = try await CandorDatabase.open(config.database) } catch { throw CLIError("\(error)") }
        do { try await database.migrate() } catch {
            await database.shutdown()
            throw CLIError("migrating \(config.database): \(error)")
        }
        return (database, cipher, config)
    }
}

/// An error the user can act on: printed as one line, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum Console {
    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
