import Foundation
import CandorCore
import CandorStore
import Hummingbird

struct ClientsController {
    let store: SQLStore

    struct CreateRequest: Decodable {
        let code: String
        let name: String
    }

    struct ClientResponse: ResponseEncodable {
        let id: String
        let code: String
        let name: String
        init(_ c: Client) { id = c.id.rawValue; code = c.code; name = c.name }
    }

    struct ListResponse: ResponseEncodable { let clients: [ClientResponse] }

    func addRoutes(to group: RouterGroup<CandorRequestContext>) {
        group.get { _, context -> ListResponse in
            let scope = try context.signedIn().user.scope
            return ListResponse(clients: try await store.clients().filter { scope.allows($0.code) }.map(ClientResponse.init))
        }
        group.post { request, context -> EditedResponse<ClientResponse> in
            try context.require(.admin)
            var request = request
            let body = try await request.decodeJSON(as: CreateRequest.self, context: context)
            let code: String
            do { code = try Client.normalizedCode(body.code) } catch let error as Client.CodeError { throw APIError.badRequest(error.description, field: "code") }
            let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 200 else { throw APIError.badRequest("name must be 1–200 characters", field: "name") }
            let client = try await store.addClient(code: code, name: name)
            return EditedResponse(status: .created, response: ClientResponse(client))
        }
    }
}
