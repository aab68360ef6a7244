import JSONValue

/// The rows a list starts from, read in place: its tables in turn, each in ascending id order, less the rows
/// `keep` refuses. A list reads it lazily and stops once its page is full, instead of copying and filtering a
/// whole table (100,000 deals) for every page.
struct ListSource: Sequence, Sendable {
    typealias Predicate = @Sendable (JSON) -> Bool

    private let tables: [Table]
    private let keep: Predicate?
    /// Where reading starts: a table and a position in its ids.
    private var table = 0
    private var position = 0

    init(_ tables: [Table], keep: Predicate? = nil) {
        self.tables = tables
        self.keep = keep
    }

    /// These rows less the ones `predicate` refuses (nil keeps them all).
    func filtered(by predicate: Predicate?) -> ListSource {
        guard let predicate else { return self }
        var narrower = ListSource(tables, keep: allOf([keep, predicate]))
        (narrower.table, narrower.position) = (table, position)
        return narrower
    }

    /// The rows after the one with id `id` (all of them for nil), as a binary search over the kept rows finds
    /// them. One table is in id order, so the search runs on its ids; several (live then deleted) are not,
    /// and are searched as the array of their kept rows, giving the same answer as before.
    func rows(after id: Int?) -> ListSource {
        guard let id else { return self }
        var rest = self
        if tables.count == 1 {
            rest.position = ListPaging.firstIndex(in: tables[0].ids, after: id, id: { $0 })
            return rest
        }
        let kept = Array(self)
        let index = ListPaging.firstIndex(in: kept, after: id, id: Self.id)
        guard index < kept.count else {
            rest.table = tables.count
            return rest
        }
        let found = Self.id(kept[index])
        rest.table = tables.firstIndex { $0[found] != nil } ?? tables.count
        if rest.table < tables.count { rest.position = tables[rest.table].ids.firstIndex(of: found) ?? 0 }
        return rest
    }

    static func id(_ row: JSON) -> Int { row["id"]?.intValue ?? 0 }

    func makeIterator() -> Iterator { Iterator(source: self) }

    struct Iterator: IteratorProtocol {
        let source: ListSource
        var table: Int
        var position: Int

        init(source: ListSource) {
            self.source = source
            (table, position) = (source.table, source.position)
        }

        mutating func next() -> JSON? {
            while table < source.tables.count {
                let current = source.tables[table]
                while position < current.ids.count {
                    let row = current[current.ids[position]]!
                    position += 1
                    if source.keep?(row) ?? true { return row }
                }
                (table, position) = (table + 1, 0)
            }
            return nil
        }
    }
}
