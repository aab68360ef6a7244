extension Router {
    /// Every endpoint the sandbox serves.
    public static func pipedrive() -> Router {
        var router = Router()
        SalesEndpoints.register(in: &router)
        WorkspaceEndpoints.register(in: &router)
        return router
    }
}
