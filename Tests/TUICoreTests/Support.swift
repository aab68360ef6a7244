import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The real catalog as the TUI sees it (catalog fields only, no account needed).
let catalog = ResourceInfo.list(.pipedrive)

/// A fixed moment, so "24 hours ago" and local times are the same on every run.
let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC

/// How long a test driving the runtime waits for a page from a real sandbox. The full suite's synchronous
/// tests (tmux, child processes) hold the cooperative pool's threads, as many as there are cores, while
/// they wait, and the page's task cannot run meanwhile: minutes of wall time on a 2-core machine. Past it,
/// the wait ends and the test's expectations say what was missing.
let starvedTestDeadline: Duration = .seconds(900)

func makeState(_ width: Int = 80, _ height: Int = 24) -> AppState {
    AppState(catalog: catalog, size: Size(width: width, height: height), now: fixedNow,
             format: ValueFormat(timeZone: TimeZone(identifier: "UTC")!), accountName: "demo")
}

/// The deal columns as the session gives them with the first page: catalog fields plus the account's
/// `dealFields` (built-in title, value, status, org; one custom enum field by its human name).
let dealColumns: [ColumnInfo] = {
    let resource = Catalog.pipedrive.resource(named: "deals")!
    let fields = [
        CustomField(key: "title", name: "Title", type: .varchar, isCustom: false),
        CustomField(key: "value", name: "Value", type: .monetary, isCustom: false),
        CustomField(key: "status", name: "Status", type: .status, isCustom: false),
        CustomField(key: "org_id", name: "Organization", type: .org, isCustom: false),
        CustomField(key: "add_time", name: "Deal created", type: .date, isCustom: false),
        CustomField(key: "9f3c0e1b2a4d5e6f708192a3b4c5d6e7f8091a2b", name: "Renewal tier",
                    type: .enumeration, options: [FieldOption(id: 11, label: "Gold"), FieldOption(id: 12, label: "Silver")]),
    ]
    return ResourceInfo(Schema(resource: resource, customFields: fields)).columns
}()

/// Deals shaped like the API's (v2 field names, nested owner, custom field hash keys).
func deals(_ range: ClosedRange<Int>) -> [JSON] {
    range.map { i in
        [
            "id": .int(i), "title": .string(i == 1 ? "Acme renewal" : "Deal \(i)"), "value": .double(Double(i * 1000) + 0.5),
            "currency": "EUR", "status": i % 3 == 0 ? "won" : "open", "active": .bool(i % 2 == 0),
            "add_time": .string("2026-11-0\(i % 9 + 1)T08:30:00Z"), "owner_name": "Ada Lovelace",
            "participants_count": .int(i % 4),
            "9f3c0e1b2a4d5e6f708192a3b4c5d6e7f8091a2b": .int(i % 2 == 0 ? 11 : 12),
            "org_id": ["name": "Acme Corp", "value": 7],
            "participants": .array([["person_id": 3, "primary_flag": true], ["person_id": 4, "primary_flag": false]]),
        ]
    }
}

extension AppState {
    /// Sends keys one by one and returns every effect they asked for.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { update(.key(.char($0))) }
    }

    /// The id of the first page request among effects.
    func loadID(_ effects: [Effect]) -> (Int, PageRequest)? {
        for effect in effects { if case .loadPage(let id, let request) = effect { return (id, request) } }
        return nil
    }

    var topGrid: GridScreen? { top(GridScreen.self) }

    var topDetail: DetailScreen? { stack.last?.screen as? DetailScreen }
    var topPrompt: PromptScreen? { stack.last?.screen as? PromptScreen }
}

/// Compares a rendered screen with its reviewed snapshot in `Snapshots/`; with PDTUI_RECORD=1 a
/// missing snapshot is written (to be reviewed by eye before committing).
func expectSnapshot(_ state: AppState, _ name: String, theme: ResolvedTheme = .plain, ascii: Bool = false,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let text = Renderer(theme: theme, ascii: ascii).render(state).text() + "\n"
    try compare(text, withSnapshot: "\(name)-\(state.size.width)x\(state.size.height).txt", sourceLocation: sourceLocation)
}

/// `text` against `Snapshots/FILE`; with PDTUI_RECORD=1 a missing one is written, to be reviewed by eye.
private func compare(_ text: String, withSnapshot file: String, sourceLocation: SourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(file)")
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        if ProcessInfo.processInfo.environment["PDTUI_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        Issue.record("no snapshot \(url.lastPathComponent); run with PDTUI_RECORD=1 and review it", sourceLocation: sourceLocation)
        return
    }
    #expect(text == expected, "screen differs from \(url.lastPathComponent):\n\(text)", sourceLocation: sourceLocation)
}

/// A rendered screen with its styles: the text, then each distinct style with a letter, then the
/// screen again as those letters, so that a change of colour or attribute shows in the diff.
func styledText(_ buffer: Buffer) -> String {
    var letters: [Style: Character] = [:]
    var legend: [String] = []
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var map: [String] = []
    for row in 0..<buffer.height {
        var line = ""
        for col in 0..<buffer.width {
            let style = buffer.cells[row * buffer.width + col].style
            if letters[style] == nil {
                let letter = alphabet[min(letters.count, alphabet.count - 1)]
                letters[style] = letter
                legend.append("\(letter) = fg \(style.fg) bg \(style.bg) attributes \(style.attributes.rawValue)")
            }
            line.append(letters[style]!)
        }
        map.append(line)
    }
    return buffer.text() + "\n--- styles\n" + legend.joined(separator: "\n") + "\n--- cells\n" + map.joined(separator: "\n") + "\n"
}

/// `expectSnapshot` with the styles of the default theme at 256 colours (`*.styled.txt`).
func expectStyledSnapshot(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let theme = try ThemeLibrary(environment: [:]).theme(named: "default").resolve(depth: .full)
    let text = styledText(Renderer(theme: theme).render(state))
    try compare(text, withSnapshot: "\(name)-\(state.size.width)x\(state.size.height).styled.txt", sourceLocation: sourceLocation)
}
