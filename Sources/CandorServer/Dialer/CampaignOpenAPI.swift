import Foundation

/// The campaign and agent-state routes in the OpenAPI document (merged in `document`).
extension OpenAPIDocument {
    static var campaignPaths: [String: Any] {
        let figures: [String: Any] = ["200": ok("the campaign's figures", ref("CampaignStatus")),
                                      "303": ["description": "a form post (the campaign page) is sent back to /campaigns/{id}"],
                                      "404": errorResponse]
        return [
            "/api/campaigns": [
                "get": ["summary": "List campaigns", "responses": ["200": ok("campaigns", ["type": "object", "properties": [
                    "campaigns": ["type": "array", "items": ref("Campaign")]]])]],
                "post": ["summary": "Create a campaign (stopped); a bad mode, priority, hours or cap is a 400 naming the field",
                         "requestBody": ["required": true, "content": json(ref("NewCampaign"))],
                         "responses": ["201": ok("created", ref("Campaign")), "400": errorResponse, "404": errorResponse]],
            ],
            "/api/campaigns/{id}/start": [
                "post": ["summary": "Start dialing. No carrier is configured yet: the campaign dials simulated telephony (no real calls)",
                         "parameters": [idParameter],
                         "requestBody": ["required": false, "content": json(["type": "object", "properties": [
                            "agents": ["type": "array", "items": string], "seed": integer]])],
                         "responses": figures.merging(["400": errorResponse]) { a, _ in a }],
            ],
            "/api/campaigns/{id}/stop": [
                "post": ["summary": "Stop launching calls; calls on the line finish and are logged", "parameters": [idParameter],
                         "responses": figures],
            ],
            "/api/campaigns/{id}/status": [
                "get": ["summary": "Lines in flight, agents by state, abandon rate today and over 30 days, samples over the shift",
                        "parameters": [idParameter], "responses": ["200": ok("status", ref("CampaignStatus")), "404": errorResponse]],
            ],
            "/api/agents/{id}/state": [
                "get": ["summary": "An agent's dialer state and the account of the call just connected (this server instance only)",
                        "parameters": [idParameter], "responses": ["200": ok("state", ref("AgentState")), "404": errorResponse]],
            ],
        ]
    }

    static var campaignSchemas: [String: Any] {
        let number: [String: Any] = ["type": "number"]
        return [
            "NewCampaign": ["type": "object", "required": ["name", "client", "mode"], "properties": [
                "name": string, "client": ["type": "string", "description": "client code"],
                "mode": ["type": "string", "enum": ["preview", "progressive", "predictive"]],
                "priority": ["type": "string", "enum": ["balance_desc", "balance_asc", "oldest_debt", "least_recently_tried"]],
                "hours_start": ["type": "string", "description": "HH:MM UTC, default 13:00"],
                "hours_end": ["type": "string", "description": "HH:MM UTC, default 21:00"],
                "abandon_cap": ["type": "number", "description": "0–0.03, default 0.03"],
                "max_lines_per_agent": ["type": "number", "description": "1–10, default 3"]]],
            "Campaign": ["type": "object", "properties": [
                "id": string, "name": string, "client": string, "mode": string, "priority": string, "hours_start": string,
                "hours_end": string, "abandon_cap": number, "max_lines_per_agent": number,
                "status": ["type": "string", "enum": ["stopped", "running"]]]],
            "CampaignStatus": ["type": "object", "properties": [
                "campaign_id": string, "status": ["type": "string", "enum": ["running", "stopping", "stopped"]],
                "telephony": ["type": "string", "nullable": true, "description": "simulated: no carrier configured"],
                "lines_in_flight": integer, "people_on_hold": integer, "lines_in_use": integer,
                "agents": ["type": "object", "additionalProperties": integer, "description": "count by state"],
                "live_answers_today": integer, "abandoned_today": integer, "abandon_rate_today": number,
                "abandon_rate_thirty_days": number,
                "history": ["type": "array", "items": ["type": "object", "properties": [
                    "at": ["type": "string", "format": "date-time"], "occupancy": number, "abandon_rate": number]]]]],
            "AgentState": ["type": "object", "properties": [
                "agent_id": string, "campaign_id": string,
                "state": ["type": "string", "enum": ["logged_in", "ready", "on_call", "wrap_up", "paused"]],
                "pause_reason": string, "since": ["type": "string", "format": "date-time"],
                "account_id": string, "phone_number": string]],
        ]
    }
}
