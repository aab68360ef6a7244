import Testing

@testable import PipedriveSandbox

@Suite("Workspace: routes")
struct WorkspaceRouteTests {
    /// `/deals/{id}/followers` and `/deals/{deal_id}/followers` are the same route.
    static func shape(_ route: Route) -> String {
        let parts = route.pattern.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }
        return "\(route.method) \(route.version) /\(parts.joined(separator: "/"))"
    }

    @Test func noRouteIsRegisteredTwice() {
        var workspace = Router()
        WorkspaceEndpoints.register(in: &workspace)
        let all = Router.pipedrive().routes.map(Self.shape)
        let duplicates = Dictionary(grouping: all, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "registered twice: \(duplicates)")
        #expect(workspace.routes.count >= 90)
    }
}
