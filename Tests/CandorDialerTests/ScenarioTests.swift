import Foundation
import Testing
@testable import CandorDialer

@Suite("Scenario")
struct ScenarioTests {
    func parse(_ json: String) throws -> Scenario { try Scenario(jsonData: Data(json.utf8)) }

    func error(_ json: String) -> ScenarioError? {
        do { _ = try parse(json); return nil } catch let e as ScenarioError { return e } catch { return nil }
    }

    @Test("an empty scenario takes the spec's defaults")
    func defaults() throws {
        let s = try parse("{}")
        #expect(s.runs == 20 && s.nAgents == 20 && s.shift == 28_800 && s.seed == 1)
        #expect(s.pacers == [.progressive, .ratio(1.3), .candor])
        #expect(s.json.text.hasPrefix(#"{"seed": 1, "runs": 20, "n_agents": 20, "shift_s": 28800"#))
    }

    @Test("p_human_profile steps apply from their shift second")
    func profile() throws {
        let s = try parse(#"{"p_human_profile": [[0, 0.1], [3600, 0.25]]}"#)
        #expect(s.pHuman(at: 10) == 0.1)
        #expect(s.pHuman(at: 3600) == 0.25)
    }

    @Test("bad input names the key", arguments: [
        (#"{"p_human": -0.1}"#, "p_human"),
        (#"{"p_human": 0.5, "p_machine": 0.4, "p_fastfail": 0.2}"#, "p_human"),
        (#"{"p_human_profile": [[0, 0.1], [60, 0.9]]}"#, "p_human_profile[1]"),
        (#"{"pacers": ["progressive", "turbo"]}"#, "pacers"),
        (#"{"pacers": ["ratio:-1"]}"#, "pacers"),
        (#"{"n_agents": 0}"#, "n_agents"),
        (#"{"n_agents": "twenty"}"#, "n_agents"),
        (#"{"n_agents": 2.5}"#, "n_agents"),
        (#"{"amd": 1}"#, "amd"),
        (#"{"postdial": [4, 1]}"#, "postdial"),
        (#"{"wrap_mean": 10}"#, "wrap_mean"),
        (#"{"p_humans": 0.2}"#, "p_humans"),
        (#"[1, 2]"#, "(document)"),
        (#"{"runs": 3"#, "(document)"),
    ])
    func badInput(json: String, key: String) {
        let e = error(json)
        #expect(e?.key == key)
        #expect(e?.description.contains(key) == true)
    }
}
