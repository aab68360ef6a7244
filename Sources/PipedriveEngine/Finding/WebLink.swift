import Foundation

/// A record's page in Pipedrive's web app: `https://COMPANY.pipedrive.com/deal/7`.
public enum WebLink {
    /// The path of each resource's record page, before the id.
    static let pages = [
        "deals": "deal", "persons": "person", "organizations": "organization", "products": "product", "leads": "leads/inbox",
        "users": "users/details",
    ]

    /// The page of record `id` of `resource` on the company at `baseURL` (the API's base, which is the
    /// company's address), or nil when the resource has no page of its own.
    public static func url(baseURL: URL, resource: String, id: RecordID) -> URL? {
        guard let page = pages[resource] else { return nil }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        guard let segment = id.description.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)
        components?.path = "/\(page)/\(segment)"
        components?.query = nil
        components?.fragment = nil
        return components?.url
    }
}

extension Session {
    /// The record's page in Pipedrive's web app, or nil when its resource has none.
    public func webLink(_ resource: Resource, id: RecordID) -> URL? {
        WebLink.url(baseURL: settings.baseURL, resource: resource.name, id: id)
    }
}
