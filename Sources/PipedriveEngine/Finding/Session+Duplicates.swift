import JSONValue

extension Session {
    /// Likely duplicates among all records of `persons`, `organizations` or `deals`, strongest group first.
    /// Pages are read one after another and dropped once matched, so memory stays flat; `progress` gets the
    /// count of records read after each page.
    public func duplicates(
        of resourceName: String, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> [DuplicateGroup] {
        let resource = try resource(named: resourceName)
        guard let kind = DuplicateMatcher.Kind(rawValue: resource.name) else {
            throw PipedriveError(
                .invalidInput,
                "Duplicates are found among \(DuplicateMatcher.Kind.allCases.map(\.rawValue).joined(separator: ", ")), not \(resource.name).")
        }
        var matcher = DuplicateMatcher(kind: kind)
        for try await page in try pages(try readAction("", of: resource)) {
            for row in page.rows { matcher.add(row) }
            progress?(matcher.count)
        }
        return matcher.groups()
    }
}
