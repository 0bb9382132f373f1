import CandorCore
import CandorStore
import Foundation
import Hummingbird

struct PlacementsController {
    let services: AppServices
    /// A placement file of a million rows is about 300 MB; refuse anything far beyond.
    static let maxFileBytes = 2 << 30

    struct PlacementResponse: ResponseEncodable {
        let id: String
        let fileName: String
        let status: String
        let rows: Int
        let accepted: Int
        let rejected: Int
        let duplicates: Int
    }

    struct ListResponse: ResponseEncodable { let placements: [PlacementResponse] }

    func addRoutes(to group: RouterGroup<CandorRequestContext>) {
        group.get { request, context -> ListResponse in
            let client = request.uri.queryParameters["client"].map { String($0).uppercased() }
            let list = try await services.store.placements(clientCode: client, withinClients: try context.scopeFilter())
            return ListResponse(placements: list.map {
                PlacementResponse(id: $0.id.rawValue, fileName: $0.fileName, status: $0.status.rawValue, rows: $0.rows,
                                  accepted: $0.accepted, rejected: $0.rejected, duplicates: $0.duplicates)
            })
        }
        // The body is the CSV file itself (`curl --data-binary @file.csv`); the answer is the
        // same summary `candor import placements` prints.
        // Loading a client's file is an operations task: supervisors and above, in scope.
        group.post { request, context -> EditedResponse<SummaryResponse> in
            try context.require(.supervisor)
            guard let clientParam = request.uri.queryParameters["client"], !clientParam.isEmpty else {
                throw APIError.badRequest("query parameter client (the client code) is required", field: "client")
            }
            try context.requireClient(String(clientParam))
            let fileName = request.uri.queryParameters["file_name"].map(String.init) ?? "upload.csv"
            let temp = FileManager.default.temporaryDirectory.appendingPathComponent("candor-upload-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: temp) }
            try await Self.write(body: request.body, to: temp)
            let importer = PlacementImporter(store: services.store, cipher: services.cipher)
            let summary = try await importer.importFile(path: temp.path, clientCode: String(clientParam).uppercased(),
                                                        displayName: fileName)
            return EditedResponse(status: .created, response: SummaryResponse(summary: summary))
        }
    }

    /// The importer's summary, encoded with its own (spec) keys.
    struct SummaryResponse: ResponseGenerator {
        let summary: PlacementImportSummary
        func response(from request: Request, context: some RequestContext) throws -> Response {
            let data = try JSONEncoder().encode(summary)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    static func write(body: RequestBody, to url: URL) async throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw APIError(.internalServerError, "cannot store the upload")
        }
        defer { try? handle.close() }
        var total = 0
        for try await buffer in body {
            total += buffer.readableBytes
            if total > maxFileBytes { throw APIError(.contentTooLarge, "placement files over 2 GiB are not accepted; split the file") }
            try handle.write(contentsOf: Data(buffer: buffer))
        }
        if total == 0 { throw APIError.badRequest("the request body is empty: send the CSV file as the body", field: "body") }
    }
}
