/// What a request costs against the company's daily token budget, as Pipedrive charges it: the operation's
/// `x-token-cost` from its specs (`Generated/TokenCostTable.swift`), else the generic cost Pipedrive publishes
/// for its kind of operation. Pipedrive's answers do not say what they cost, so pdtui counts it here.
enum TokenCosts {
    static func of(_ request: APIRequest) -> Int {
        let path = request.path.split(separator: "/").map(String.init)
        let prefix = "\(request.method.rawValue) \(request.version.rawValue) /"
        // The path as it is (`/deals/archived`, `/users/me`), else with its ids as parameters (`/deals/{}`).
        if let cost = table[prefix + path.joined(separator: "/")] { return cost }
        let pattern = path.map { isID($0) ? "{}" : $0 }
        if let cost = table[prefix + pattern.joined(separator: "/")] { return cost }
        return generic(request.method, request.version, single: path.last.map(isID) ?? false, search: path.last == "search")
    }

    /// A record id in a path: a number, or a lead's UUID.
    static func isID(_ segment: String) -> Bool {
        segment.allSatisfy(\.isNumber) || (segment.count == 36 && segment.filter { $0 == "-" }.count == 4)
    }

    /// v1: single 2, list 20, write 10, delete one 6, delete a list 10, search 40; v2 costs half.
    static func generic(_ method: HTTPMethod, _ version: APIVersion, single: Bool, search: Bool) -> Int {
        let v1: Int
        switch method {
        case _ where search: v1 = 40
        case .get: v1 = single ? 2 : 20
        case .delete: v1 = single ? 6 : 10
        case .post, .put, .patch: v1 = 10
        }
        return version == .v1 ? v1 : max(1, v1 / 2)
    }
}
