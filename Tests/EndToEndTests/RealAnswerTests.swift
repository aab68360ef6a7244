import Foundation
import PipedriveSandbox
import Testing

/// The real binary in tmux on real-shaped answers (`Tests/RealAnswers`, replayed): `:deals` shows names,
/// money and no sub-field column.
@Suite struct RealAnswerTests {
    @Test func dealsGridOnARealShapedAccount() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../RealAnswers").standardized
        let server = try ReplayServer(folder: folder)
        defer { server.stop() }
        let tmux = try Tmux("--base-url \(server.baseURL)", width: 200, height: 20, environment: ["PIPEDRIVE_API_TOKEN": "replay"])
        try tmux.wait(for: "the first screen") { $0.contains("deals") || $0.contains("Deals") }
        try tmux.type(":deals")
        try tmux.send("Enter")
        // The owner's name comes after the rows (v2 answers carry its id): the wait is for both.
        let shown = ["Steel frames Q3", "Port cranes service", "25,200.00 SAR", "Jonas Berg"]
        let screen = try tmux.wait(for: "the deals grid with \(shown)") { screen in shown.allSatisfy { screen.contains($0) } }
        #expect(!screen.contains("{…}"))
        #expect(!screen.contains("Currency of"))
    }
}
