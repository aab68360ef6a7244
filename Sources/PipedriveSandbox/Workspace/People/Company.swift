/// The sandbox's one company, as `/users/me` describes it.
enum Company {
    static let id = 7_100_001
    static let name = "Sandbox Demo Ltd"
    /// The subdomain, as in `https://sandbox-demo.pipedrive.com`.
    static let domain = "sandbox-demo"
    static let country = "EE"
    static let industry = "Software"
}
