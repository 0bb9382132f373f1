import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Logging

/// An error a client of the API caused, with the status and a message meant for them.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// The parameter or field at fault, when there is one.
    public var field: String?

    public init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil) {
        self.status = status; self.message = message; self.field = field
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError { APIError(.badRequest, message, field: field) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
}

/// Maps every error to a status and a JSON body `{"error": {"status": 400, "message": ..., "field": ...}}`,
/// once, at the edge. Domain errors keep their meaning (unknown client → 404, duplicate → 409);
/// anything unexpected is logged and answered 500 without internals.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message, field) = Self.map(error)
            if status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            return Self.response(status: status, message: message, field: field, request: request)
        }
    }

    static func map(_ error: any Error) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case let e as APIError: return (e.status, e.message, e.field)
        case let e as StoreError:
            switch e {
            case .clientExists: return (.conflict, e.description, "code")
            case .unknownClient: return (.notFound, e.description, "client")
            case .unknownAccount: return (.notFound, e.description, nil)
            }
        case let e as PlacementImportError:
            switch e {
            case .unknownClient: return (.notFound, e.description, "client")
            case .unusableFile: return (.unprocessableContent, e.description, "file")
            }
        case let e as PaymentError: return (e.http.0, e.description, e.http.1)
        case let e as CollectionsError:
            switch e {
            case .invalid: return (.badRequest, e.description, e.field)
            case .terms, .disposition: return (.unprocessableContent, e.description, e.field)
            case .unknownUser: return (.unprocessableContent, e.description, e.field)
            case .unknownPlan: return (.notFound, e.description, e.field)
            }
        case let e as ContactLogError: return (.badRequest, e.description, nil)
        case let e as RecordingError:
            switch e {
            case .unknownRecording, .unknownAttempt: return (.notFound, e.description, nil)
            case .deleted: return (.gone, e.description, nil)
            case .reasonRequired: return (.badRequest, e.description, "reason")
            case .accountNotInAttempt: return (.badRequest, e.description, "account")
            }
        case let e as AccountEventError:
            switch e {
            case .unknownEvent: return (.notFound, e.description, nil)
            case .alreadyReviewed: return (.conflict, e.description, nil)
            }
        // A recording that fails its integrity check is the server's fault, said plainly.
        case let e as RecordingVault.VaultError: return (.internalServerError, e.description, nil)
        case let e as DecodingError: return (.badRequest, Self.describe(e), Self.field(e))
        case let e as HTTPError: return (e.status, e.body ?? e.status.reasonPhrase, nil)
        case let e as any HTTPResponseError: return (e.status, e.status.reasonPhrase, nil)
        default: return (.internalServerError, "internal error; it has been logged", nil)
        }
    }

    static func field(_ error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let c): path = c.codingPath + [key]
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        @unknown default: return nil
        }
        // A missing key reports the decoder's camelCase name; the API speaks snake_case.
        let names = path.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }
        return names.isEmpty ? nil : names.joined(separator: ".")
    }

    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field \(snakeCase(key.stringValue))"
        case .typeMismatch(let type, _): return "wrong type for field \(field(error) ?? "?"), expected \(type)"
        case .valueNotFound(_, _): return "field \(field(error) ?? "?") must not be null"
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "the body is not valid JSON" : "field \(field(error) ?? "?"): \(c.debugDescription)"
        @unknown default: return "the body could not be read"
        }
    }

    struct Body: Encodable {
        struct Detail: Encodable { let status: Int; let message: String; let field: String? }
        let error: Detail
    }

    static func response(status: HTTPResponse.Status, message: String, field: String?, request: Request) -> Response {
        let wantsHTML = request.headers[.accept]?.contains("text/html") == true && !request.uri.path.hasPrefix("/api/")
        if wantsHTML {
            let html = Pages.errorPage(status: status, message: message)
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Body(error: .init(status: Int(status.code), message: message, field: field)))) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// Decodes a JSON body; a malformed body becomes a 400 naming the field at fault
    /// (Hummingbird's own decode would hide which field).
    mutating func decodeJSON<T: Decodable>(as type: T.Type, context: CandorRequestContext) async throws -> T {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        do {
            return try context.requestDecoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError.badRequest(ErrorMiddleware<CandorRequestContext>.describe(error),
                                      field: ErrorMiddleware<CandorRequestContext>.field(error))
        }
    }
}
