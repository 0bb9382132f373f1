import CandorDialer
import CandorStore
import Foundation
import Hummingbird

/// `GET /api/campaigns/{id}/status`: the supervisor's figures. The page polls it (by
/// reloading); there is no WebSocket feed yet (hummingbird-websocket is not a dependency).
struct CampaignStatusResponse: ResponseEncodable {
    struct Sample: Codable { let at: Date; let occupancy: Double; let abandonRate: Double }
    let campaignId: String
    /// running, stopping (calls on the line finishing) or stopped.
    let status: String
    /// `simulated` while a campaign runs: no carrier is configured (SIP is a later issue).
    let telephony: String?
    let linesInFlight: Int
    let peopleOnHold: Int
    let linesInUse: Int
    let agents: [String: Int]
    let liveAnswersToday: Int
    let abandonedToday: Int
    let abandonRateToday: Double
    let abandonRateThirtyDays: Double
    let history: [Sample]

    static func build(_ campaign: StoredCampaign, floors: CampaignFloors, store: SQLStore, now: Date) async throws -> Self {
        if let live = await floors.live(campaign.id), await !live.finished {
            let figures = await live.snapshot
            let stopping = await live.isStopping
            return Self(campaignId: campaign.id, status: stopping ? "stopping" : "running", telephony: "simulated",
                        linesInFlight: figures.linesInFlight, peopleOnHold: figures.peopleOnHold, linesInUse: figures.linesInUse,
                        agents: figures.agents, liveAnswersToday: figures.today.liveAnswers, abandonedToday: figures.today.abandoned,
                        abandonRateToday: figures.today.rate, abandonRateThirtyDays: figures.thirtyDays.rate,
                        history: await live.history.map { Sample(at: $0.at, occupancy: $0.occupancy, abandonRate: $0.abandonRate) })
        }
        let ledger = try await store.campaignLedger(campaign.id, day: StoredCampaignRunner.day(of: now.timeIntervalSince1970))
        return Self(campaignId: campaign.id, status: "stopped", telephony: nil, linesInFlight: 0, peopleOnHold: 0, linesInUse: 0,
                    agents: [:], liveAnswersToday: ledger.today.liveAnswers, abandonedToday: ledger.today.abandoned,
                    abandonRateToday: ledger.today.rate, abandonRateThirtyDays: ledger.rolling30Days.rate, history: [])
    }
}

/// A small inline SVG: occupancy (0–100 %) and the day's abandon rate (0–5 %, the cap
/// drawn as a dashed line) over the shift. Server-rendered: no JavaScript.
enum CampaignChart {
    static func svg(_ samples: [CampaignStatusResponse.Sample], cap: Double) -> String {
        let w = 600.0, h = 160.0, pad = 24.0
        func x(_ i: Int) -> Double { samples.count < 2 ? pad : pad + (w - 2 * pad) * Double(i) / Double(samples.count - 1) }
        func y(_ v: Double, top: Double) -> Double { h - pad - (h - 2 * pad) * min(max(v / top, 0), 1) }
        func line(_ values: [Double], top: Double) -> String {
            values.enumerated().map { "\(fmt(x($0.offset))),\(fmt(y($0.element, top: top)))" }.joined(separator: " ")
        }
        let capY = fmt(y(cap, top: 0.05))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"100%\" role=\"img\" "
        out += "aria-label=\"Occupancy and abandon rate over the shift\">"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Int(w))\" height=\"\(Int(h))\" fill=\"#fff\"/>"
        out += "<line x1=\"\(pad)\" y1=\"\(capY)\" x2=\"\(w - pad)\" y2=\"\(capY)\" stroke=\"#9a3b00\" stroke-dasharray=\"4 4\"/>"
        if samples.isEmpty {
            out += "<text x=\"\(pad)\" y=\"\(h / 2)\" fill=\"#5b6b7c\">No samples yet (one a minute while the campaign runs).</text>"
        } else {
            out += "<polyline fill=\"none\" stroke=\"#1f6f5c\" stroke-width=\"2\" points=\"\(line(samples.map(\.occupancy), top: 1))\"/>"
            out += "<polyline fill=\"none\" stroke=\"#9a3b00\" stroke-width=\"2\" points=\"\(line(samples.map(\.abandonRate), top: 0.05))\"/>"
        }
        out += "<text x=\"\(pad)\" y=\"14\" font-size=\"12\" fill=\"#1f6f5c\">occupancy (0–100%)</text>"
        out += "<text x=\"\(w / 2)\" y=\"14\" font-size=\"12\" fill=\"#9a3b00\">abandon rate today (0–5%, dashed: cap)</text>"
        return out + "</svg>"
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
}
