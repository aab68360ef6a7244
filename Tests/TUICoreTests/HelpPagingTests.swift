import Testing

@testable import TUICore

/// Help at 80x24, paged with PgDn: every line of the keys table is shown on some page (paging by the
/// body's height skipped the two lines of the box's edges each page).
@Suite struct HelpPagingTests {
    @Test(arguments: [Key.pageDown, .char(" ")]) func pagingShowsEveryLine(key: Key) {
        var state = makeState(80, 24)
        _ = state.press(.char("?"))
        var seen = ""
        for _ in 0..<30 {
            seen += Renderer(theme: .plain).render(state).text() + "\n"
            _ = state.press(key)
        }
        let lines = HelpText.lines(state.writeMode, keyMap: state.keyMap)
        #expect(lines.count > 22)
        for line in lines {
            let start = line.key.isEmpty ? "  " + line.text : "  " + TextWidth.fit(line.key, to: 20) + " " + String(line.text.prefix(20))
            #expect(seen.contains(start), "never shown: \(line)")
        }
    }
}
