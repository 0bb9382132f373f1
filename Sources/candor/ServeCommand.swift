import ArgumentParser
import CandorServer
import CandorSpeech
import CandorStore
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web application and JSON API.")

    @OptionGroup var db: DatabaseOptions

    @Option(help: "Address to bind. Every route but /health, /openapi.json and sign-in needs a session; put TLS in front before exposing it.")
    var host = "127.0.0.1"

    @Flag(help: "Mark the session cookie Secure (send it over HTTPS only): use whenever users reach Candor through TLS.")
    var secureCookies = false

    @Option(help: "Port to listen on.")
    var port = 8080

    @Flag(help: "On an empty database, load a demo client and 500 demo accounts.")
    var demo = false

    @Flag(inversion: .prefixedNo, help: "Run the speech analysis worker beside the server (env CANDOR_SPEECH_WORKER=on|off; default on).")
    var speechWorker: Bool?

    @OptionGroup var engine: SpeechEngineOptions

    func run() async throws {
        var logger = Logger(label: "candor.server")
        logger.logLevel = .info
        let (database, cipher, config) = try await db.open()
        let services = AppServices(database: database, cipher: cipher!, auth: AuthSettings(secureCookies: secureCookies),
                                   recordingsDirectory: config.recordingsURL)
        if demo {
            do {
                let loaded = try await DemoData.loadIfEmpty(services: services)
                logger.info(loaded ? "demo data loaded: client DEMO with 500 accounts" : "database not empty: demo data not loaded")
                if loaded {
                    // A newcomer should reach the product at once, but no password ships with
                    // Candor: the demo user's is generated here and shown once.
                    let password = String(SessionToken.generate().prefix(16))
                    let user = try await services.store.addUser(username: "demo", displayName: "Demo Admin",
                                                                passwordHash: PasswordHasher().hash(password), role: .admin,
                                                                clientCodes: [])
                    try await DemoData.addActivity(services: services, by: user.id)
                    Console.err("candor: demo sign-in at http://\(host):\(port)/sign-in — user demo, password \(password) (shown once; an admin of this demo database)")
                }
            } catch {
                await database.shutdown()
                throw CLIError("loading demo data: \(error)")
            }
        }
        logger.info("candor serving on http://\(host):\(port) (database \(config.database))")
        var worker: SpeechWorkerService?
        if speechWorker ?? config.speechWorker {
            let analyzer = try engine.analyzer()
            worker = SpeechWorkerService(worker: SpeechWorker(store: services.store, vault: services.recordings, cipher: cipher!,
                                                              analyzer: analyzer),
                                         onStop: { await analyzer.shutdown() })
            logger.info("speech worker on; recordings in \(services.recordings.directory.path)")
        }
        let app = try await buildApplication(services: services, settings: ServerSettings(host: host, port: port),
                                             speechWorker: worker, logger: logger)
        try await app.runService()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let config = try db.configuration()
        let database: CandorDatabase
        do { database = try await CandorDatabase.open(config.database) } catch { throw CLIError("\(error)") }
        do {
            let applied = try await database.migrate()
            let version = try await database.schemaVersion()
            Console.out(applied.isEmpty ? "schema up to date at version \(version)" : "applied \(applied.joined(separator: ", ")); schema at version \(version)")
        } catch {
            await database.shutdown()
            throw CLIError("\(error)")
        }
        await database.shutdown()
    }
}
