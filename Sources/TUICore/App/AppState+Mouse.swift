/// The mouse (on unless `--no-mouse` or the config's `"mouse": false`): the wheel moves as ↓/↑ do, three
/// rows a notch; a click on the breadcrumb goes back; clicks in the body go to the screen shown (the grid
/// selects a row and cell, a double-click opens). Nothing while a dialog, overlay or the command line is open.
extension AppState {
    static let wheelRows = 3

    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        guard overlay == nil, command == nil, let last = stack.indices.last else { return [] }
        switch event.kind {
        case .wheelUp, .wheelDown:
            let key: Key = event.kind == .wheelUp ? .up : .down
            return (0..<Self.wheelRows).flatMap { _ in update(.key(key)) }
        case .click, .doubleClick:
            message = nil
            if event.y == 0 { return stack.count > 1 ? apply(Step(.pop)) : [] }
            guard event.y <= bodyHeight else { return [] }
            var step = stack[last].screen.click(row: event.y - 1, x: event.x, double: event.kind == .doubleClick, &shared)
            if step == nil, event.kind == .doubleClick, let context = stack[last].screen.keyContext {
                // A list that takes no clicks still opens what is under its cursor on a double-click.
                step = stack[last].screen.handle(.enter, action(.enter, context), &shared)
            }
            return apply(step ?? Step())
        }
    }
}
