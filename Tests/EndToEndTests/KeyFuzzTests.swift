import Foundation
import Testing

/// The key and escape-sequence decoding (ncursesw's, then pdtui's mapping) of the real binary in tmux, fed
/// random bytes (seeded): escape sequences cut anywhere, CSI and SS3 parameters, mouse reports, broken
/// UTF-8, controls. pdtui must neither crash nor hang, and answer normally afterwards.
@Suite struct KeyFuzzTests {
    /// Bytes that decoders trip on. Left out: what ends or stops the process by design (`q`, `:`, ^C, ^Z,
    /// ^\), and XON/XOFF (^Q, ^S), which the terminal itself takes.
    static let pool: [UInt8] = Array("\u{1B}\u{1B}\u{1B}[[[O;;0123456789~ABCDHFPQRSMm<>?$^@ \t\r\u{7F}\u{08}ejkhlgGJ/n".utf8)
        + [0x80, 0x9B, 0xC3, 0xA9, 0xE2, 0x82, 0xF0, 0x9F, 0xFF, 0xFE, 0x00, 0x01, 0x0E]

    struct Random {
        var state: UInt64
        mutating func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
    }

    @Test func randomBytesNeitherCrashNorHangPdtui() throws {
        let tui = try Tmux("--demo", width: 100, height: 30, environment: ["EDITOR": "true", "VISUAL": "true"])
        try tui.wait(for: "Resources")
        try tui.command("deals")
        try tui.wait(for: "deals rows") { $0.gridPosition != nil }
        let pid = try tui.pdtuiPID()
        var random = Random(state: 2026)
        for burst in 0..<30 {
            let bytes = (0..<(20 + random.next() % 120)).map { _ in Self.pool[random.next() % Self.pool.count] }
            try tui.tmux(["send-keys", "-t", "0", "-H"] + bytes.map { String(format: "%02x", $0) })
            Thread.sleep(forTimeInterval: 0.05)
            guard kill(pid, 0) == 0 else {
                Issue.record("pdtui ended after burst \(burst): \(bytes)\n\(try tui.screen())")
                return
            }
        }
        // Still answering: out of whatever the bytes opened (Esc closes it; `y` answers "discard what you
        // typed?"), back to the resources and out with `:q`.
        for _ in 0..<8 {
            try tui.send("Escape")
            Thread.sleep(forTimeInterval: 0.2)
            try tui.send("y")
            Thread.sleep(forTimeInterval: 0.2)
        }
        try tui.command("resources")
        try tui.wait(for: "Resources")
        try tui.command("q")
        let exit = try tui.exitReport()
        #expect(exit.status == 0, "\(exit.screen)")
        #expect(exit.sane, "terminal not restored:\n\(exit.screen)")
        for crash in ["crashed", "Backtrace", "Fatal error", "Illegal instruction"] {
            #expect(!exit.screen.contains(crash), "\(crash):\n\(exit.screen)")
        }
    }
}
