/// Generates the workspace's rows. Each part draws from its own random stream, so changing one part leaves
/// the others as they were.
enum WorkspaceData {
    /// Users, teams, roles, activity types and currencies: runs before the sales data, which refers to them.
    static func generatePeople(into store: inout Store, _ options: GenerationOptions) {
        PeopleData.generate(into: &store, options)
        ActivityTypes.generate(into: &store, options)
        Currencies.generate(into: &store, options)
    }

    /// Everything linked to the sales rows: runs after they exist (and copes with none).
    static func generateLinked(into store: inout Store, _ options: GenerationOptions) {
        LinkedData.generate(into: &store, options)
    }
}
