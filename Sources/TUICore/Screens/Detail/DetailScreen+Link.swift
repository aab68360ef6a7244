import PipedriveEngine

/// The record's web address (`https://COMPANY.pipedrive.com/deal/7`): shown as the first line, an OSC 8
/// hyperlink where the terminal has them; `o` opens it in a browser on a local session, and over ssh
/// shows and copies it.
extension DetailScreen {
    static let linkLabel = "Web address"

    /// Asks the session for the address, for resources that have a page in the web app.
    mutating func askForLink(_ shared: inout Shared) -> [Effect] {
        guard let id = RecordID(record["id"]) else { return [] }
        let request = shared.newRequestID(for: self.id)
        linking = request
        let resource = self.resource
        return [.session(request, SessionWork(name: "web address of \(resource) \(id)") { session in
            .link(session.webLink(try session.resource(named: resource), id: id)?.absoluteString ?? "", opened: false)
        })]
    }

    mutating func openLink(_ shared: inout Shared) -> [Effect] {
        guard link != nil, let id = RecordID(record["id"]) else {
            shared.setError("\(resource) have no page of their own in Pipedrive's web app")
            return []
        }
        let request = shared.newRequestID(for: self.id)
        opening = request
        return [.openLink(request, resource: resource, id: id)]
    }

    mutating func receiveLink(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> [Effect] {
        let asked = id == linking
        if asked { linking = nil } else { opening = nil }
        switch result {
        case .success(.link(let url, let opened)) where asked:
            guard !url.isEmpty else { return [] }
            link = url
            lines = Self.lines(record, resource: resource, columns: columns, shared, link: url)
            cursor.clamp(count: lines.count, height: shared.bodyHeight)
        case .success(.link(let url, opened: true)):
            shared.setNotice("opened \(url)")
        case .success(.link(let url, opened: false)):
            // No display here (ssh): the address is shown, and copied to the local clipboard with OSC 52.
            shared.setNotice("\(url) (copied; no display here to open a browser)")
            return [.copy(url)]
        case .success: break
        case .failure(let failure): shared.setError(failure.message)
        }
        return []
    }
}
