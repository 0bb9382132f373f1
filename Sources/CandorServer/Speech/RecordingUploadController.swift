import CandorCore
import CandorStore
import Foundation
import Hummingbird

/// `POST /api/contact-attempts/{id}/recording?account=ID`: the phone system (or an agent's
/// softphone) hands over a call's recording. The body (a WAV file) is streamed to a
/// temporary file, never held whole in memory, then encrypted into the vault and queued for
/// analysis (`SQLStore.storeRecording`). Collector or above; the account must be one of the
/// user's clients and one the attempt was about.
struct RecordingUploadController {
    let services: AppServices
    /// A 2-hour 16 kHz stereo call is about 460 MB; anything larger is not one call.
    static let maxBytes = 512 * 1024 * 1024

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.post("api/contact-attempts/:id/recording") { request, context -> EditedResponse<SpeechReviewController.RecordingResponse> in
            let me = try context.require(.collector)
            let attempt = try context.parameters.require("id")
            guard let account = request.uri.queryParameters["account"].map(String.init), !account.isEmpty else {
                throw APIError.badRequest("name the account the call was about: ?account=ID", field: "account")
            }
            try await context.requireAccount(account, store: services.store)
            // Refused before a byte of a possibly large body is written.
            try await services.store.recordingTarget(attemptID: attempt, accountID: Account.ID(account))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("candor-upload-\(UUID().uuidString).wav")
            defer { try? FileManager.default.removeItem(at: file) }
            try await Self.receive(request.body, into: file)
            let stored = try await services.store.storeRecording(file: file, attemptID: attempt, accountID: Account.ID(account),
                                                                 by: me.user.id, vault: services.recordings)
            return EditedResponse(status: .created, response: .init(recording: stored,
                                                                  analysis: try await services.store.speechJob(recording: stored.id)))
        }
    }

    /// Writes the body to `file` as it arrives; refuses what is not a WAV (RIFF/WAVE header)
    /// or is larger than `maxBytes`.
    static func receive(_ body: RequestBody, into file: URL) async throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internalServerError, "cannot write a temporary file for the upload")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total = 0
        var header: [UInt8] = []
        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= maxBytes else {
                throw APIError(.contentTooLarge, "a recording is at most \(maxBytes / 1024 / 1024) MB", field: "body")
            }
            if header.count < 12 { header += buffer.readableBytesView.prefix(12 - header.count) }
            try handle.write(contentsOf: buffer.readableBytesView)
        }
        guard header.count == 12, header[0..<4].elementsEqual("RIFF".utf8), header[8..<12].elementsEqual("WAVE".utf8) else {
            throw APIError.badRequest("the body is not a WAV file (RIFF/WAVE header missing)", field: "body")
        }
    }
}
