/// The bottom of the stack: every resource with its read actions.
struct ResourcesScreen: ScreenComponent {
    var cursor = ListCursor()

    func title(_ shared: Shared, onTop: Bool) -> String? { "Resources" }

    var keyContext: KeyContext? { .resources }

    var pendingRequests: [Int] { [] }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        if cursor.navigate(action, count: shared.catalog.count, height: shared.bodyHeight - 1) { return Step() }
        switch action {
        case .open?, .right?:
            guard shared.catalog.indices.contains(cursor.index) else { return Step() }
            return Step(.push(ComponentEntry(id: shared.newScreenID(), screen: ActionsScreen(resource: shared.catalog[cursor.index].id))))
        default: return nil
        }
    }

    mutating func resize(_ shared: Shared) { cursor.clamp(count: shared.catalog.count, height: shared.bodyHeight) }

    func status(_ shared: Shared) -> ScreenStatus {
        ScreenStatus(["\(shared.catalog.count) resources, \(cursor.index + 1) of \(shared.catalog.count)"])
    }

    func hints(_ shared: Shared) -> [Hint] { Hint.list(back: "quit") }

    func draw(_ r: Rect, _ ctx: inout Context) {
        let (theme, glyphs, catalog) = (ctx.theme, ctx.glyphs, ctx.state.catalog)
        let nameWidth = min(24, max(10, r.width / 3))
        ctx.line(r.y, TextWidth.fit("Resource", to: nameWidth) + " Read actions", theme[.header], fillWidth: r.width)
        for i in 0..<(r.height - 1) {
            let index = cursor.top + i
            guard catalog.indices.contains(index) else { break }
            let info = catalog[index]
            let actions = info.actions.map(\.name).joined(separator: ", ")
            let text = " " + TextWidth.fit(info.title, to: nameWidth - 1, ellipsis: glyphs.ellipsis) + " " + actions
            let style = index == cursor.index ? theme[.rowCursor] : theme[i % 2 == 1 ? .rowAlt : .base]
            ctx.line(r.y + 1 + i, TextWidth.fit(text, to: r.width, ellipsis: glyphs.ellipsis), style, fillWidth: r.width)
        }
    }
}

extension Hint {
    /// The hints of a plain list: open, move, command, help, and back (or quit at the root).
    static func list(back: String) -> [Hint] {
        [Hint(.open, "open"), Hint([.down, .up], "move"), Hint(.command, "command"), Hint(.help, "help"), Hint(.quit, back)]
    }
}
