import JSONValue
import PipedriveEngine

/// `J` and `:journal`: the changes committed on this connection, newest first. Enter opens one (its
/// records and fields, old → new); `u` undoes the chosen one, not only the last, after the dialog that
/// shows its calls. The engine refuses, with the reason, an entry that cannot be undone or whose
/// record changed since.
struct JournalScreen: OpenedByAction {
    let id: ScreenID
    /// Newest first.
    private(set) var entries: [JournalEntry] = []
    /// Why each entry cannot be undone (nil: it can), by entry id.
    private(set) var refusals: [String: String] = [:]
    var cursor = ListCursor()
    /// The entry opened with Enter, shown field by field; nil for the list.
    var opened: JournalEntry?
    var lineCursor = ListCursor()
    var loading: Int?
    var error: String?

    static func open(_ shared: inout Shared) -> Step? {
        var screen = JournalScreen(id: shared.newScreenID())
        let effects = screen.load(&shared)
        return Step(.push(ComponentEntry(id: screen.id, screen: screen)), effects: effects)
    }

    /// Reads the journal (again).
    mutating func load(_ shared: inout Shared) -> [Effect] {
        var effects = loading.map { [Effect.cancel($0)] } ?? []
        let request = shared.newRequestID(for: id)
        loading = request
        effects.append(.session(request, SessionWork(name: "journal") { .journal(try $0.journalEntries()) }))
        return effects
    }

    var selected: JournalEntry? { entries.indices.contains(cursor.index) ? entries[cursor.index] : nil }

    func title(_ shared: Shared, onTop: Bool) -> String? {
        guard let opened else { return "Journal" }
        return "Journal › " + opened.listing[2]
    }

    var keyContext: KeyContext? { .journal }

    var pendingRequests: [Int] { loading.map { [$0] } ?? [] }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        guard id == loading else { return Step() }
        loading = nil
        switch result {
        case .success(.journal(let all)):
            let selectedID = selected?.id
            entries = all.reversed()
            refusals = Dictionary(uniqueKeysWithValues: all.map { ($0.id, Session.whyNotUndoable($0, among: all)) })
                .compactMapValues { $0 }
            error = nil
            if let selectedID, let at = entries.firstIndex(where: { $0.id == selectedID }) { cursor.index = at }
            cursor.clamp(count: entries.count, height: listHeight(shared))
            if let shown = opened { opened = entries.first { $0.id == shown.id } }
        case .success: break
        case .failure(let failure):
            error = failure.message
            shared.setError(failure.message)
        }
        return Step()
    }

    mutating func dataChanged(_ resources: Set<String>, _ shared: inout Shared) -> [Effect] { load(&shared) }

    mutating func resize(_ shared: Shared) {
        cursor.clamp(count: entries.count, height: listHeight(shared))
        lineCursor.clamp(count: detailLines.count, height: shared.bodyHeight)
    }

    /// Rows of the list: the body minus its header.
    func listHeight(_ shared: Shared) -> Int { max(1, shared.bodyHeight - 1) }
}
