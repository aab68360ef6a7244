/// A resource's actions, to pick one to run.
struct ActionsScreen: ScreenComponent {
    var resource: String
    var cursor = ListCursor()

    init(resource: String) { self.resource = resource }

    /// Named only while on top: the grid it leads to names the resource.
    func title(_ shared: Shared, onTop: Bool) -> String? {
        onTop ? shared.resource(resource)?.title ?? resource : nil
    }

    var keyContext: KeyContext? { .actions }

    var pendingRequests: [Int] { [] }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        guard let info = shared.resource(resource) else { return Step(.pop) }
        if cursor.navigate(action, count: info.actions.count, height: shared.bodyHeight - 1) { return Step() }
        switch action {
        case .open?, .right?:
            guard info.actions.indices.contains(cursor.index) else { return Step() }
            return shared.open(info, info.actions[cursor.index], values: [:])
        case .left?: return Step(.pop)
        default: return nil
        }
    }


    mutating func resize(_ shared: Shared) {
        cursor.clamp(count: shared.resource(resource)?.actions.count ?? 0, height: shared.bodyHeight)
    }

    func status(_ shared: Shared) -> ScreenStatus {
        ScreenStatus(["\(shared.resource(resource)?.actions.count ?? 0) read actions"])
    }

    func hints(_ shared: Shared) -> [Hint] { Hint.list(back: "back") }

    func draw(_ r: Rect, _ ctx: inout Context) {
        guard let info = ctx.state.resource(resource) else { return }
        let (theme, glyphs) = (ctx.theme, ctx.glyphs)
        let nameWidth = min(28, max(12, r.width / 3))
        ctx.line(r.y, TextWidth.fit(" Action", to: nameWidth) + " Parameters", theme[.header], fillWidth: r.width)
        for i in 0..<(r.height - 1) {
            let index = cursor.top + i
            guard info.actions.indices.contains(index) else { break }
            let action = info.actions[index]
            let params = action.parameters.map { p -> String in
                switch p.kind {
                case .id(let of): return "\(p.name) (\(PromptField.article(of)))"
                case .term: return "\(p.name) (search text)"
                case .folder: return "\(p.name) (mail folder)"
                case .timestamp: return "\(p.name) (timestamp)"
                }
            }.joined(separator: ", ")
            let text = " " + TextWidth.fit(action.name, to: nameWidth - 1, ellipsis: glyphs.ellipsis) + " " + (params.isEmpty ? "none" : params)
            let style = index == cursor.index ? theme[.rowCursor] : theme[i % 2 == 1 ? .rowAlt : .base]
            ctx.line(r.y + 1 + i, TextWidth.fit(text, to: r.width, ellipsis: glyphs.ellipsis), style, fillWidth: r.width)
        }
    }
}
