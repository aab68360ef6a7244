/// The workspace's endpoints: users, teams, roles, activity types, currencies, files, filters, goals, mail,
/// call logs, webhooks, organization relationships, subscriptions, followers, participants, permitted
/// users and flow.
enum WorkspaceEndpoints {
    static func register(in router: inout Router) {
        UserEndpoints.register(in: &router)
        TeamEndpoints.register(in: &router)
        RoleEndpoints.register(in: &router)
        ActivityTypes.register(in: &router)
        Currencies.register(in: &router)
        FileEndpoints.register(in: &router)
        Filters.register(in: &router)
        Goals.register(in: &router)
        MailEndpoints.register(in: &router)
        CallLogs.register(in: &router)
        Webhooks.register(in: &router)
        OrganizationRelationships.register(in: &router)
        Subscriptions.register(in: &router)
        Followers.register(in: &router)
        DealParticipants.register(in: &router)
        Flow.register(in: &router)
    }
}
