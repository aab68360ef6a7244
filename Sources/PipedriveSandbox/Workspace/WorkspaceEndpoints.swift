/// The workspace's endpoints: users, teams, roles, activity types, currencies, files, filters, goals, mail,
/// call logs, webhooks, organization relationships, subscriptions, followers, participants, permitted
/// users and flow.
enum WorkspaceEndpoints {
    /// The resources the generic handlers serve whole.
    static let specs = [
        RoleEndpoints.spec, ActivityTypes.spec, Currencies.spec, Filters.spec, CallLogs.spec, Webhooks.spec,
        OrganizationRelationships.spec,
    ]

    static func register(in router: inout Router) {
        for spec in specs { WorkspaceRoutes.register(spec, in: &router) }
        // Served by the generic handlers too, with routes no other resource has.
        UserEndpoints.register(in: &router)
        TeamEndpoints.register(in: &router)
        FileEndpoints.register(in: &router)
        Goals.register(in: &router)
        Subscriptions.register(in: &router)
        MailEndpoints.register(in: &router)
        // Links between records, served by `LinkRoutes`.
        Followers.register(in: &router)
        DealParticipants.register(in: &router)
        // Hand-written: a read-only history gathered from many tables.
        Flow.register(in: &router)
    }
}
