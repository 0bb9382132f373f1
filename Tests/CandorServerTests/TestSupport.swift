import CandorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A clock a test moves forward (session expiry, lockout).
final class TestClock: Sendable {
    private let now = Mutex(pinnedNow)
    var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The value of cookie `name` among a response's Set-Cookie headers, with its attributes.
func setCookie(_ response: TestResponse, _ name: String) -> (value: String, attributes: String)? {
    for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
        let parts = header.split(separator: ";", maxSplits: 1)
        return (String(parts[0].dropFirst(name.count + 1)), parts.count > 1 ? String(parts[1]) : "")
    }
    return nil
}

/// The value of a hidden form field in a page.
func hiddenField(_ html: String, _ name: String) -> String? {
    guard let range = html.range(of: #"name="\#(name)" value="[^"]*""#, options: .regularExpression) else { return nil }
    return String(html[range].dropFirst(#"name="\#(name)" value=""#.count).dropLast())
}

func formBody(_ fields: [String: String]) -> ByteBuffer {
    let text = fields.sorted { $0.key < $1.key }.map { key, value in
        "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }.joined(separator: "&")
    return ByteBuffer(string: text)
}

let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

/// Signs in through the page as a browser would: GET the form (its token cookie), POST it.
func formSignIn(_ client: any TestClientProtocol, _ username: String, _ password: String,
                _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
    let (cookie, token) = try await client.execute(uri: "/sign-in", method: .get) { r in
        (try #require(setCookie(r, "candor_signin")).value, try #require(hiddenField(String(buffer: r.body), "csrf_token")))
    }
    var headers = formType
    headers[.cookie] = "candor_signin=\(cookie)"
    try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                             body: formBody(["username": username, "password": password, "csrf_token": token, "next": "/accounts"])) { r in
        try check(r)
    }
}

/// The route keys the router serves, `GET /api/accounts/{id}` style.
func servedRoutes(_ services: AppServices) async throws -> Set<String> {
    let router = try await buildRouter(services: services)
    return Set(router.routes.map { route -> String in
        let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "\(route.method.rawValue) /" + path.joined(separator: "/")
    })
}
