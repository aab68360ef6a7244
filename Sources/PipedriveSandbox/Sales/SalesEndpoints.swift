/// Every endpoint of the sales entities: deals, persons, organizations, products, activities, notes,
/// leads, pipelines, stages, their fields, search and recents.
enum SalesEndpoints {
    static func register(in router: inout Router) {
        Deals.register(in: &router)
        Persons.register(in: &router)
        Organizations.register(in: &router)
        Products.register(in: &router)
        Activities.register(in: &router)
        Notes.register(in: &router)
        Leads.register(in: &router)
        Pipelines.register(in: &router)
        Stages.register(in: &router)
        FieldEndpoints.register(in: &router)
        Search.register(in: &router)
        Recents.register(in: &router)
    }
}
