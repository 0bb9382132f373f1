import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Logging
import Mustache
import ServiceLifecycle

/// What the routes need: storage, the field cipher and the clock (pinned in tests).
public struct AppServices: Sendable {
    public let database: CandorDatabase
    public let store: SQLStore
    public let cipher: FieldCipher
    public let clock: @Sendable () -> Date
    public let auth: AuthSettings
    /// Card payments; none is configured by default (no card network is integrated).
    public let paymentProcessor: any PaymentProcessor
    /// Call recordings, encrypted on disk (default: `recordings/` beside the SQLite file).
    public let recordings: RecordingVault

    public init(database: CandorDatabase, cipher: FieldCipher, clock: @escaping @Sendable () -> Date = { Date() },
                auth: AuthSettings = AuthSettings(), paymentProcessor: any PaymentProcessor = UnconfiguredPaymentProcessor(),
                recordingsDirectory: URL? = nil) {
        self.paymentProcessor = paymentProcessor
        self.recordings = RecordingVault(directory: recordingsDirectory ?? RecordingVault.defaultDirectory(for: database.location),
                                         cipher: cipher)
        self.database = database
        self.store = SQLStore(database: database, clock: clock)
        self.cipher = cipher
        self.clock = clock
        self.auth = auth
    }
}

public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    public init(host: String = "127.0.0.1", port: Int = 8080) { self.host = host; self.port = port }
}

/// The router every entry point shares: `candor serve`, tests and benchmarks.
public func buildRouter(services: AppServices) async throws -> Router<CandorRequestContext> {
    let router = Router(context: CandorRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    // Every route below needs a session unless SessionMiddleware lists it as public.
    router.add(middleware: SessionMiddleware(store: services.store))
    let templates = try await Templates.load()
    SignInController(authenticator: Authenticator(store: services.store, hasher: services.auth.hasher, clock: services.clock),
                     templates: templates, settings: services.auth).addRoutes(to: router)
    HealthController(services: services).addRoutes(to: router)
    ClientsController(store: services.store).addRoutes(to: router.group("api/clients"))
    PlacementsController(services: services).addRoutes(to: router.group("api/placements"))
    AccountsController(store: services.store).addRoutes(to: router.group("api/accounts"))
    ComplianceController(services: services).addRoutes(to: router)
    PaymentsController(services: services).addRoutes(to: router)
    CollectionsController(services: services).addRoutes(to: router)
    WebController(store: services.store, templates: templates).addRoutes(to: router)
    WorkspaceController(services: services, templates: templates).addRoutes(to: router)
    CampaignsController(services: services, templates: templates).addRoutes(to: router)
    SpeechReviewController(services: services, templates: templates).addRoutes(to: router)
    QualityController(services: services, templates: templates).addRoutes(to: router)
    RecordingUploadController(services: services).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    return router
}

/// The whole application: HTTP server plus the services that live as long as it does,
/// under one ServiceGroup with graceful shutdown on SIGTERM/SIGINT.
/// `speechWorker`: the analysis queue's worker, run beside the server when given
/// (`candor serve --speech-worker`, on by default there).
public func buildApplication(services: AppServices, settings: ServerSettings, speechWorker: SpeechWorkerService? = nil,
                             logger: Logger = Logger(label: "candor.server")) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(services: services)
    // A ServiceGroup stops services last-first: the worker finishes before the database closes.
    var lifecycle: [any Service] = [DatabaseLifecycle(database: services.database),
                                    CollectionsDailyJob(store: services.store, logger: logger)]
    if let speechWorker { lifecycle.append(speechWorker) }
    return Application(router: router,
                       configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "candor"),
                       services: lifecycle,
                       logger: logger)
}

/// Re-decides promises and plans every hour (a promise breaks when its deadline passes
/// with no payment, which no request would notice). Idempotent, so several instances
/// running it against one PostgreSQL is harmless.
struct CollectionsDailyJob: Service {
    let store: SQLStore
    let logger: Logger
    var interval: Duration = .seconds(3_600)

    func run() async throws {
        // Shutdown cancels the wait, so the job never holds the server up.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let n = try await store.evaluatePromisesAndPlans()
                    logger.info("promises and plans re-decided", metadata: ["accounts": "\(n)"])
                } catch {
                    logger.error("promise and plan evaluation failed; retrying next hour", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

/// Closes the database pool after the HTTP server has stopped.
struct DatabaseLifecycle: Service {
    let database: CandorDatabase
    func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}

enum Templates {
    static func load() async throws -> MustacheLibrary {
        guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw APIError(.internalServerError, "HTML templates are missing from the build")
        }
        return try await MustacheLibrary(directory: url.path)
    }
}
