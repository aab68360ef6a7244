import Testing

@testable import TUICore

/// At 80 columns a deep breadcrumb gives way from the left (`… › participants › 1 › person`) and keeps
/// the current screen whole; it was cut from the right (`… › 1 ›  pe`).
@Suite struct BreadcrumbTests {
    let deep = ["Resources", "Deals", "Złoty Oy – multi-year renewal of the enterprise plan", "participants", "1", "person"]

    @Test func theScreensOnTheLeftGiveWayFirst() {
        let fitted = Context.fitted(deep, room: 40, separator: " › ", ellipsis: "…")
        #expect(fitted == ["…", "participants", "1", "person"])
        #expect(Context.fitted(deep, room: 400, separator: " › ", ellipsis: "…") == deep)
        #expect(Context.fitted(["Resources", "Deals"], room: 5, separator: " › ", ellipsis: "…") == ["…", "Deals"])
    }

    @Test func theRendererDrawsTheCurrentScreenWhole() {
        var state = makeState(26, 10)
        _ = state.press(.char(":"))
        _ = state.type("journal")
        _ = state.press(.enter)
        #expect(state.crumbs == ["Resources", "Journal"])
        let top = Renderer(theme: .plain).render(state).text().split(separator: "\n").first.map(String.init) ?? ""
        #expect(top.contains("… ›  Journal "), "\(top)")
    }
}
