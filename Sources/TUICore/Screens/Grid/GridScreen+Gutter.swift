import JSONValue
import PipedriveEngine

extension Context {
    /// The style of a row a staged change touches (or that is marked), nil for a plain row.
    func stagedTone(_ grid: GridScreen, position: Int, row: JSON, kinds: [RecordID: StagedKind]) -> ThemeRole? {
        if grid.newRows.indices.contains(position) { return .rowNew }
        guard let id = RecordID(row["id"]) else { return nil }
        if grid.marked.contains(id) { return .rowMarked }
        switch kinds[id] {
        case .deleted?: return .rowDeleted
        case .edited?: return .rowEdited
        case .new?: return .rowNew
        case nil: return nil
        }
    }

    /// The gutter: the mark glyph, then `+` new, `~` edited, `-` deleted.
    mutating func drawGutter(_ grid: GridScreen, position: Int, row: JSON, kinds: [RecordID: StagedKind], y: Int, style: Style) {
        let id = RecordID(row["id"])
        let mark = id.map(grid.marked.contains) == true ? glyphs.mark : " "
        let kind: StagedKind? = grid.newRows.indices.contains(position) ? .new : id.flatMap { kinds[$0] }
        let sign: String
        switch kind {
        case .new?: sign = "+"
        case .edited?: sign = "~"
        case .deleted?: sign = "-"
        case nil: sign = " "
        }
        buffer.put(mark, x: 0, y: y, style: theme[.rowMarked], maxWidth: 1)
        buffer.put(sign, x: 1, y: y, style: style, maxWidth: 1)
    }
}
