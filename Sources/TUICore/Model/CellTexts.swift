import Synchronization

/// A cell's text as the grid draws it, with its width in terminal columns.
public struct CellText: Sendable, Equatable {
    public let text: String
    public let width: Int

    public init(_ text: String) {
        self.text = text
        width = TextWidth.of(text)
    }
}

/// What a cell's text depends on besides its row: the grid's columns (`ColumnsStamp`, new each time they
/// change) and the format of the frame.
struct CellStamp: Sendable, Equatable {
    let columns: ColumnsStamp
    let format: ValueFormat
}

/// Names one value of a grid's columns: a new one, unique in the process, each time they change, so two
/// copies of a grid that changed their columns apart never share a stamp.
struct ColumnsStamp: Sendable, Equatable {
    private let value: Int
    private static let last = Atomic<Int>(0)

    static func next() -> ColumnsStamp {
        ColumnsStamp(value: last.wrappingAdd(1, ordering: .relaxed).newValue)
    }
}

/// The formatted cells of rows drawn lately, by row and column, kept while their stamp stays: a frame
/// draws mostly the cells the one before drew. Shared by copies of a store as its decoded rows are, and
/// emptied with them (see `RowStore`). Bounded: emptied when full.
final class CellTexts: Sendable {
    private struct Held {
        var stamp: CellStamp?
        var rows: [Int: [Int: CellText]] = [:]
    }
    private let held = Mutex(Held())
    private static let limit = 512

    /// Column `column` of the rows at `positions`: the remembered texts, the others made by `make`.
    func column(_ column: Int, at positions: [Int], stamp: CellStamp, make: (Int) -> String) -> [CellText] {
        held.withLock { held in
            if held.stamp != stamp { held = Held(stamp: stamp) }
            return positions.map { position in
                if let text = held.rows[position]?[column] { return text }
                if held.rows[position] == nil, held.rows.count >= Self.limit { held.rows.removeAll(keepingCapacity: true) }
                let text = CellText(make(position))
                held.rows[position, default: [:]][column] = text
                return text
            }
        }
    }
}
