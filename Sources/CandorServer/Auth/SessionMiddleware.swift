import CandorStore
import Foundation
import Hummingbird

/// Finds the session of every request (cookie `candor_session`, or `Authorization: Bearer`),
/// refuses non-public routes without one, and checks the CSRF token of browser form posts.
///
/// Default deny: a route added later is protected unless its path is listed in `publicPaths`.
///
/// CSRF: a form post authenticated by the cookie must carry the session's token in the
/// `csrf_token` field (or an `X-CSRF-Token` header). Exempt: Bearer requests (browsers never
/// add that header on their own) and `Content-Type: application/json` requests, which a
/// cross-site page cannot send without a CORS preflight we never grant, and which carry no
/// cookie cross-site anyway because the cookie is `SameSite=Lax`.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = CandorRequestContext
    let store: SQLStore

    static let cookieName = "candor_session"
    static let publicPaths: Set<String> = ["/health", "/openapi.json", "/sign-in", "/api/sessions"]
    static let csrfMessage = "this form is stale or did not come from Candor (CSRF token missing or wrong): nothing was saved; reload the page and try again"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let path = request.uri.path
        // Public routes need no session: no lookup for /health and the like.
        if Self.publicPaths.contains(path) { return try await next(request, context) }
        if let (token, via) = Self.token(in: request), let session = try await store.session(token: token) {
            context.identity = SignedInUser(user: session.user, csrfToken: session.csrfToken, via: via)
        }
        guard let identity = context.identity else {
            if request.method == .get && !path.hasPrefix("/api/") {
                let next = request.uri.query.map { "\(path)?\($0)" } ?? path
                let target = "/sign-in?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
                return Response(status: .seeOther, headers: [.location: target])
            }
            throw APIError(.unauthorized, "sign in first: POST /api/sessions for a token, or sign in at /sign-in")
        }
        if Self.isUnsafe(request.method), identity.via == .cookie, !Self.isJSON(request) {
            var sent = request.headers.first(where: { $0.name.canonicalName == "x-csrf-token" })?.value
            if sent == nil, Self.isForm(request) {
                let body = try await request.collectBody(upTo: context.maxUploadSize) // kept for the handler
                sent = Self.formField("csrf_token", in: String(buffer: body))
            }
            guard let sent, SessionToken.constantTimeEqual(sent, identity.csrfToken) else {
                throw APIError(.forbidden, Self.csrfMessage, field: "csrf_token")
            }
        }
        return try await next(request, context)
    }

    static func token(in request: Request) -> (String, SignedInUser.Via)? {
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            return (String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces), .bearer)
        }
        if let cookie = request.cookies[cookieName]?.value, !cookie.isEmpty { return (cookie, .cookie) }
        return nil
    }

    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool { ![.get, .head, .options].contains(method) }
    static func isJSON(_ request: Request) -> Bool { request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true }
    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
    }

    /// One field of an `application/x-www-form-urlencoded` body.
    static func formField(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if decode(kv[0]) == name { return kv.count > 1 ? decode(kv[1]) : "" }
        }
        return nil
    }

    static func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }

    /// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on
    /// cross-site posts), Secure when the server is reached over HTTPS.
    static func cookie(_ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
