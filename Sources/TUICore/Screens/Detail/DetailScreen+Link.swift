import JSONValue
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
        guard link != nil else {
            shared.setError("\(resource) have no page of their own in Pipedrive's web app")
            return []
        }
        let effects = shared.openLink(resource, record, for: id)
        if case .openLink(let request, _, _)? = effects.first { opening = request }
        return effects
    }

    mutating func receiveLink(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> [Effect] {
        guard id == linking else {
            opening = nil
            return shared.linkOpened(result)
        }
        linking = nil
        guard case .success(.link(let url, _)) = result, !url.isEmpty else { return [] }
        link = url
        lines = Self.lines(record, resource: resource, columns: columns, shared, link: url)
        cursor.clamp(count: lines.count, height: shared.bodyHeight)
        return []
    }
}

extension Shared {
    /// `o` on a record (`Effect.openLink`): asks the runtime to open its page.
    mutating func openLink(_ resource: String, _ record: JSON?, for screen: ScreenID) -> [Effect] {
        guard let id = record.flatMap({ RecordID($0["id"]) }) else { setError("no record to open"); return [] }
        return [.openLink(newRequestID(for: screen), resource: resource, id: id)]
    }

    /// What opening a link came to: opened, or (no display here, ssh) the address shown and copied to the
    /// local clipboard with OSC 52.
    mutating func linkOpened(_ result: Result<Output, UserError>) -> [Effect] {
        switch result {
        case .success(.link(let url, opened: true)): setNotice("opened \(url)")
        case .success(.link(let url, opened: false)):
            setNotice("\(url) (copied; no display here to open a browser)")
            return [.copy(url)]
        case .success: break
        case .failure(let failure): setError(failure.message)
        }
        return []
    }
}
