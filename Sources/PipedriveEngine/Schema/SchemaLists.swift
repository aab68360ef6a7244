import Foundation
import JSONValue

/// The account's schema lists by name (`fields:/dealFields`, `users`, `stages`...), each read once per
/// session and kept across sessions in a `SchemaCacheFolder`: a saved list is used at once, and checked in
/// the background once it is older than the folder's `maxAge` (or read again when asked, `r` in a fields
/// grid). Stages, pipelines, users and activity types are checked together by one `RecentChanges` call,
/// and only those that changed are read again; the rest (the `*Fields` lists) are read again. A list that
/// changed replaces the saved one and is reported to the listeners, so open screens follow.
/// Concurrent first reads of a list share one request.
public actor SchemaLists {
    let folder: SchemaCacheFolder?
    /// How long a saved list is used before it is checked.
    var maxAge: TimeInterval { folder?.maxAge ?? SchemaCacheFolder.standardMaxAge }
    let recentChanges: RecentChanges?
    private var values: [String: Task<JSON, any Error>] = [:]
    /// How each list is read, for reading it again.
    private var fetchers: [String: @Sendable () async throws -> JSON] = [:]
    private var checking: [String: Task<Void, Never>] = [:]
    /// The latest `/recents` check (each waits for the one before).
    private var checkingRecent: Task<Void, Never>?
    /// The lists a `/recents` check of this session covers: each is checked once a session, as it is read once.
    private var checkedRecent: Set<String> = []
    /// Entries kept one by one (users read by id), by list and key.
    private var entries: [String: [String: JSON]] = [:]
    private var listeners: [@Sendable (Set<String>) -> Void] = []

    public init(folder: SchemaCacheFolder? = nil, recentChanges: RecentChanges? = nil) {
        self.folder = folder
        self.recentChanges = recentChanges
    }

    /// Calls `listener` with the names of the lists that changed when read again.
    public func onChange(_ listener: @escaping @Sendable (Set<String>) -> Void) { listeners.append(listener) }

    /// The list `name`: this session's copy, else the saved one, else read with `fetch` (and saved). A saved
    /// value that is not of the shape `fetch` gives (an array unless `valid` says otherwise) is read again.
    func value(
        _ name: String, valid: @Sendable (JSON) -> Bool = { $0.arrayValue != nil }, fetch: @escaping @Sendable () async throws -> JSON
    ) async throws -> JSON {
        fetchers[name] = fetch
        if let task = values[name] { return try await task.value }
        if let entry = folder?.load(name), valid(entry.value) {
            values[name] = Task { entry.value }
            if Date().timeIntervalSince(entry.savedAt) >= maxAge { due(name) }
            return entry.value
        }
        let task = Task { try await fetch() }
        values[name] = task
        do {
            let value = try await task.value
            folder?.save(name, .init(value: value, savedAt: Date()))
            return value
        } catch {
            values[name] = nil  // tried again next time
            throw error
        }
    }

    /// Whether the list is at hand without a request (read this session, or saved and not too old).
    func has(_ name: String) -> Bool {
        if values[name] != nil { return true }
        guard let entry = folder?.load(name) else { return false }
        return Date().timeIntervalSince(entry.savedAt) < maxAge
    }

    /// Reads `name` again in the background (once at a time); a change replaces it, is saved and reported.
    @discardableResult
    func revalidate(_ name: String) -> Task<Void, Never>? {
        if let running = checking[name] { return running }
        guard let fetch = fetchers[name] else { return nil }
        let task = Task { await self.check(name, fetch) }
        checking[name] = task
        return task
    }

    /// A saved list is due: asked of `/recents` with the other lists it reports on, else read again.
    private func due(_ name: String) {
        guard recentChanges != nil, RecentChanges.kinds[name] != nil else {
            revalidate(name)
            return
        }
        guard let folder, !checkedRecent.contains(name) else { return }
        let saved = RecentChanges.kinds.keys.compactMap { name in folder.load(name).map { (name: name, savedAt: $0.savedAt) } }
        checkedRecent.formUnion(saved.map(\.name))
        // After the one before, if any, so `settle` waits for every check.
        checkingRecent = Task { [previous = checkingRecent] in
            await previous?.value
            await self.checkRecent(saved)
        }
    }

    /// One `/recents` call for every saved list it reports on, since the oldest was saved: a changed list
    /// is read again (one not used yet this session is dropped, so its first use reads it); the others are
    /// kept as checked now. When the account does not answer it, the lists in use are read again.
    private func checkRecent(_ saved: [(name: String, savedAt: Date)]) async {
        guard let folder, let recentChanges, let since = saved.map(\.savedAt).min() else { return }
        let checkedAt = Date()
        guard let changed = try? await recentChanges.changed(Set(saved.map(\.name)), since: since) else {
            for (name, _) in saved where fetchers[name] != nil { revalidate(name) }
            return
        }
        for (name, _) in saved {
            if changed.contains(name) {
                if fetchers[name] != nil { revalidate(name) } else { folder.remove(name) }
            } else if let entry = folder.load(name), entry.savedAt < checkedAt {
                folder.save(name, .init(value: entry.value, savedAt: checkedAt))
            }
        }
    }

    /// Waits for the background checks under way (`pdtui get` before it ends, and tests).
    public func settle() async {
        await checkingRecent?.value
        for task in Array(checking.values) { await task.value }
    }

    private func check(_ name: String, _ fetch: @Sendable () async throws -> JSON) async {
        defer { checking[name] = nil }
        guard let fresh = try? await fetch() else { return }  // kept as it was; tried again next time
        let old = try? await values[name]?.value
        values[name] = Task { fresh }
        folder?.save(name, .init(value: fresh, savedAt: Date()))
        if old != fresh { for listener in listeners { listener([name]) } }
    }

    /// Reads again every list read so far whose name passes `matching`, and waits for them.
    public func revalidate(where matching: (String) -> Bool = { _ in true }) async {
        let tasks = fetchers.keys.filter(matching).sorted().compactMap { revalidate($0) }
        for task in tasks { await task.value }
    }

    // MARK: Entries kept one by one

    /// The entries of `list` kept so far (saved ones while not older than `maxAge`).
    func entries(_ list: String) -> [String: JSON] {
        if let kept = entries[list] { return kept }
        var kept: [String: JSON] = [:]
        if let entry = folder?.load(list), Date().timeIntervalSince(entry.savedAt) < maxAge { kept = entry.value.objectValue ?? [:] }
        entries[list] = kept
        return kept
    }

    /// Adds entries to `list` and saves it.
    func keep(_ list: String, _ added: [String: JSON]) {
        guard !added.isEmpty else { return }
        let kept = entries(list).merging(added) { _, new in new }
        entries[list] = kept
        let savedAt = folder?.load(list)?.savedAt ?? Date()
        folder?.save(list, .init(value: .object(kept), savedAt: savedAt))
    }
}
