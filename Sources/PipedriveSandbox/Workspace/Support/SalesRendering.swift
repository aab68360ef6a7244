import JSONValue

/// Sales rows as v1 answers show them. The sales side stores its rows in v2 naming and renders them per
/// version; the workspace embeds them in flow items through its renderers (persons: `Persons.v1Object`).
enum SalesRendering {
    static func activity(_ row: JSON, _ store: Store) -> JSON {
        var context = Activities.spec.renderContext(store)
        return Activities.renderV1(row, &context)
    }

    static func note(_ row: JSON, _ store: Store) -> JSON {
        var context = Notes.spec.renderContext(store)
        return Notes.renderV1(row, &context)
    }
}
