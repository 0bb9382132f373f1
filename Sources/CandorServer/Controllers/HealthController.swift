import CandorStore
import Hummingbird

struct HealthController {
    let services: AppServices

    struct Health: ResponseEncodable {
        let status: String
        let database: String
        let schemaVersion: Int
    }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("health") { _, _ -> Health in
            let version = try await services.database.schemaVersion()
            return Health(status: "ok", database: services.database.kind.rawValue, schemaVersion: version)
        }
    }
}
