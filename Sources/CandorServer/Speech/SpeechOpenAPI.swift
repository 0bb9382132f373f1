import Foundation

/// The speech routes in the OpenAPI document: review queue, recordings, quality.
extension OpenAPIDocument {
    static var speechPaths: [String: Any] {
        let note: [String: Any] = ["required": false, "content": json(["type": "object", "properties": ["note": ["type": "string", "maxLength": 2000]]])]
        func review(_ what: String) -> [String: Any] {
            ["post": ["summary": what + ". Compliance or admin; audited. A form post (the review page) is answered 303 to /review",
                      "parameters": [idParameter], "requestBody": note,
                      "responses": ["200": ok("reviewed", ref("AccountEvent")), "400": errorResponse, "403": errorResponse, "404": errorResponse,
                                    "409": ["description": "already reviewed", "content": json(ref("Error"))]]]]
        }
        return [
            "/api/account-events": [
                "get": ["summary": "The review queue: account events opened by consumer findings on recorded calls. Compliance or admin; only the user's clients",
                        "parameters": [query("status", "pending (default), confirmed, dismissed or all")],
                        "responses": ["200": ok("events, newest first", ["type": "object", "properties": ["events": ["type": "array", "items": ref("AccountEvent")]]]),
                                      "400": errorResponse, "403": errorResponse]],
            ],
            "/api/account-events/{id}": [
                "get": ["summary": "One account event with the transcript around its finding. Compliance or admin",
                        "parameters": [idParameter], "responses": ["200": ok("the event", ref("AccountEvent")), "403": errorResponse, "404": errorResponse]],
            ],
            "/api/account-events/{id}/confirm": review("Confirm: cease request → cease flag, attorney → attorney flag, bankruptcy → bankruptcy flag, dispute → dispute_pending, in the reviewer's name; the interim pause is lifted"),
            "/api/account-events/{id}/dismiss": review("Dismiss: undo what the event did at once (pause, flag, inconvenient time)"),
            "/api/contact-attempts/{id}/recording": [
                "post": ["summary": "Hand over a call's recording (the body is the WAV file, up to 512 MB): stored encrypted with its SHA-256, kept 3 years after the call, and queued for analysis. Collector or above; the account must be the user's client's and one the attempt was about",
                         "parameters": [idParameter, query("account", "the account the call was about", required: true)],
                         "requestBody": ["required": true, "content": ["audio/wav": ["schema": ["type": "string", "format": "binary"]]]],
                         "responses": ["201": ok("stored and queued", ref("Recording")), "400": errorResponse, "404": errorResponse,
                                       "413": errorResponse]],
            ],
            "/api/recordings/{id}": [
                "get": ["summary": "A recording's facts: hash, retention date, legal hold, analysis job. Supervisor or above",
                        "parameters": [idParameter], "responses": ["200": ok("the recording", ref("Recording")), "403": errorResponse, "404": errorResponse]],
            ],
            "/api/recordings/{id}/audio": [
                "get": ["summary": "The recording, decrypted after its SHA-256 is checked (audio/wav). Supervisor or above; audited (once per listen, not per seek)",
                        "parameters": [idParameter,
                                       ["name": "Range", "in": "header", "required": false, "schema": ["type": "string"],
                                        "description": "one byte range (bytes=0-1023, bytes=1024-, bytes=-512), for seeking; others get the whole file"]],
                        "responses": ["200": ["description": "the WAV", "content": ["audio/wav": ["schema": ["type": "string", "format": "binary"]]]],
                                      "206": ["description": "the asked bytes of the WAV, with Content-Range",
                                              "content": ["audio/wav": ["schema": ["type": "string", "format": "binary"]]]],
                                      "416": ["description": "the range starts past the end (Content-Range: bytes */size)"],
                                      "403": errorResponse, "404": errorResponse,
                                      "410": ["description": "deleted under the retention schedule", "content": json(ref("Error"))],
                                      "500": ["description": "the file fails its integrity check", "content": json(ref("Error"))]]],
            ],
            "/api/recordings/{id}/legal-hold": [
                "post": ["summary": "Set or lift a legal hold (a held recording is never purged). Compliance or admin; who and when are kept; audited",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["hold"], "properties": [
                            "hold": ["type": "boolean"], "reason": ["type": "string", "maxLength": 500, "description": "required to set a hold"]]])],
                         "responses": ["200": ok("the recording", ref("Recording")), "400": errorResponse, "403": errorResponse,
                                       "404": errorResponse, "410": errorResponse]],
            ],
            "/api/quality/collectors": [
                "get": ["summary": "Per collector: calls analysed, mean scores.compliance, prohibited findings, missing disclosures, calls to coach and to praise. Supervisor or above; only the user's clients",
                        "parameters": [query("since", "ISO-8601 instant: only calls from then on")],
                        "responses": ["200": ok("collectors", ["type": "object", "properties": ["since": string,
                                                                                              "collectors": ["type": "array", "items": ref("CollectorQuality")]]]),
                                      "400": errorResponse, "403": errorResponse]],
            ],
        ]
    }

    static var speechSchemas: [String: Any] {
        let turn: [String: Any] = ["type": "object", "properties": ["speaker": string, "start": ["type": "number"], "end": ["type": "number"], "text": string]]
        let call: [String: Any] = ["type": "object", "properties": ["recording_id": string, "account_id": string, "call_at": string, "score": integer,
                                                                    "prohibited": ["type": "array", "items": string], "missing": ["type": "array", "items": string]]]
        return [
            "AccountEvent": ["type": "object", "properties": [
                "id": string, "account_id": string, "client_code": string, "client_account_number": string, "recording_id": string,
                "kind": ["type": "string", "enum": ["cease_request", "attorney", "bankruptcy", "dispute", "hardship", "inconvenient_time"]],
                "action": string, "finding_code": string, "start": ["type": "number"], "end": ["type": "number"], "confidence": ["type": "number"],
                "status": ["type": "string", "enum": ["pending", "confirmed", "dismissed"]], "created_at": string, "reviewed_at": string,
                "reviewed_by": ["type": "string", "description": "the reviewer's username, resolved from the stored user ID (an old value that names no user, as stored)"],
                "reviewed_by_id": ["type": "string", "description": "the reviewer's user ID, as stored; absent before the review or when the stored value names no user"],
                "review_note": string, "effects": ["type": "array", "items": string], "excerpt": string,
                "transcript": ["type": "array", "items": turn], "recording_legal_hold": ["type": "boolean"],
                "recording_legal_hold_by": ["type": "string", "description": "who set or lifted the recording's legal hold: the username, resolved from the stored user ID (an old value that names no user, as stored)"],
                "recording_legal_hold_by_id": ["type": "string", "description": "that user's ID, as stored; absent without a hold decision or when the stored value names no user"],
                "recording_deleted": ["type": "boolean"]]],
            "Recording": ["type": "object", "properties": [
                "recording": ["type": "object", "properties": [
                    "id": string, "attempt_id": string, "account_id": string, "call_at": string, "sha256": string, "byte_count": integer,
                    "delete_after": string, "legal_hold": ["type": "boolean"], "legal_hold_at": string,
                    "legal_hold_by": ["type": "string", "description": "who set or lifted the legal hold: the username, resolved from the stored user ID (an old value that names no user, as stored)"],
                    "legal_hold_by_id": ["type": "string", "description": "that user's ID, as stored; absent without a hold decision or when the stored value names no user"],
                    "legal_hold_reason": string, "deleted_at": string,
                    "created_by": ["type": "string", "description": "who stored the recording: the uploader's username, resolved from the stored user ID (a system actor such as cli, as stored)"],
                    "created_by_id": ["type": "string", "description": "the uploader's user ID, as stored; absent for a system actor"]]],
                "analysis": ["type": "object", "properties": ["status": ["type": "string", "enum": ["queued", "running", "done", "failed"]],
                                                              "attempts": integer, "max_attempts": integer, "last_error": string]]]],
            "CollectorQuality": ["type": "object", "properties": [
                "user_id": string, "username": string, "display_name": string, "calls": integer, "mean_compliance": ["type": "number"],
                "calls_with_prohibited_findings": integer, "prohibited_findings": integer, "missing_disclosures": integer,
                "coach": ["type": "array", "items": call], "praise": ["type": "array", "items": call]]],
        ]
    }
}
