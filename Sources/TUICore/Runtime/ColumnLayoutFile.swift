import Foundation
import JSONValue
import PipedriveEngine

/// The column layouts on disk, one file per account (`StatePaths.columnLayoutFile`), replaced
/// atomically with mode 0600 each time a layout changes.
public struct ColumnLayoutFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The saved layouts, and a notice when the file could not be used: a file that is not a layout
    /// file is moved aside (so nothing is lost and the next save starts afresh) and the defaults are used.
    public func load() -> (layouts: ColumnLayouts, notice: String?) {
        let bytes: [UInt8]?
        do { bytes = try SecureFile.read(path) } catch {
            return (ColumnLayouts(), "column layouts not loaded: \(error.message)")
        }
        guard let bytes else { return (ColumnLayouts(), nil) }
        if let json = try? JSON(parsing: bytes), let layouts = ColumnLayouts(json: json) { return (layouts, nil) }
        let aside = path + ".bad"
        let moved = rename(path, aside) == 0
        let name = (aside as NSString).lastPathComponent
        return (ColumnLayouts(), "\(path) is not a column layout file pdtui can read; "
            + (moved ? "moved it aside to \(name); default columns shown" : "default columns shown"))
    }

    public func save(_ layouts: ColumnLayouts) throws(PipedriveError) {
        try SecureFile.write(Array(layouts.json.serialized()), to: path)
    }
}
