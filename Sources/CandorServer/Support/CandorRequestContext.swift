import Foundation
import Hummingbird

/// The request context of every Candor route: JSON in snake_case, ISO-8601 instants.
public struct CandorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is asking, set by `SessionMiddleware` from the session cookie or Bearer token.
    public var identity: SignedInUser?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Placement files are large; other bodies are small JSON.
    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
