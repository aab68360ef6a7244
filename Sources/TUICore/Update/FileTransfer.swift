import JSONValue
import PipedriveEngine

/// An upload (`U` on a deal, person, organization or product) or a download (`D` on a file) in progress:
/// a small dialog over the screen that asks for a path, checks it before anything is sent, asks for
/// confirmation, then runs the transfer as an effect.
public struct FileTransfer: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// To the record `target`, named `label` in the dialog.
        case upload(target: FileTarget, label: String)
        /// File `fileID`, named `fileName`, of `size` bytes when known.
        case download(fileID: Int, fileName: String, size: Int?)
    }

    public enum Stage: Sendable, Equatable {
        /// Typing the path (the local file, or where to save).
        case choosingPath
        /// The local file was checked: `y` uploads it.
        case confirmingUpload(LocalFile)
        /// The destination exists: `y` replaces it.
        case confirmingOverwrite(path: String)
        /// A check (which Esc abandons) or the transfer itself (which runs to its end) is out.
        case working(String, isCheck: Bool)
    }

    public var kind: Kind
    public var stage: Stage = .choosingPath
    public var path: LineEditor
    /// Why the last step failed, shown under the path.
    public var error: String?
    /// The effect in flight.
    var pending: Int?

    public init(kind: Kind, path: String = "") {
        self.kind = kind
        self.path = LineEditor(path)
    }
}

/// What the runtime does for a transfer.
public enum FileTransferRequest: Sendable, Equatable {
    /// Check that a local file can be uploaded.
    case inspect(path: String)
    /// Resolve where a download goes (a folder gets `fileName`) and whether a file is there.
    case checkDestination(path: String, fileName: String)
    case upload(path: String, target: FileTarget)
    case download(fileID: Int, path: String, overwrite: Bool)
}

public enum FileTransferResult: Sendable, Equatable {
    case inspected(LocalFile)
    case destination(path: String, exists: Bool)
    case uploaded(fileID: String, fileName: String, size: Int)
    case downloaded(DownloadResult)
    case failed(String)
}

extension AppState {
    /// `U` and `D` on a screen that offers them; nil when the key is not one of them here.
    mutating func startFileTransfer(_ key: Key) -> [Effect]? {
        guard let context = topContext, context == .grid || context == .detail else { return nil }
        switch action(key, context) {
        case .upload?:
            guard let (resource, record) = currentRecord, let id = record["id"]?.intValue,
                  let target = FileTarget(resource: resource, id: id) else { return nil }
            guard writeMode != .readOnly else {
                setError("Read-only: uploads are refused (--read-only or the profile's read_only).")
                return []
            }
            let shortName = name(of: record.objectValue ?? [:], in: resource, width: 30) ?? ""
            transfer = FileTransfer(kind: .upload(target: target, label: "\(target.noun) \(shortName) (#\(id))"))
            return []
        case .download?:
            guard let (resource, record) = currentRecord, resource == "files", let id = record["id"]?.intValue else { return nil }
            let name = record["file_name"]?.stringValue ?? record["name"]?.stringValue ?? "file-\(id)"
            transfer = FileTransfer(
                kind: .download(fileID: id, fileName: name, size: record["file_size"]?.intValue),
                path: "./" + LocalFile.safeName(name))
            return []
        default:
            return nil
        }
    }

    /// The resource and record under the cursor of the top grid (not while filtering) or screen.
    var currentRecord: (String, JSON)? {
        stack.last?.component?.screen.currentRecord
    }

    /// Keys while the dialog is open: it takes them all.
    mutating func transferKey(_ key: Key) -> [Effect] {
        guard var t = transfer else { return [] }
        defer { if transfer != nil { transfer = t } }
        switch t.stage {
        case .choosingPath:
            switch key {
            case .escape:
                return close("Cancelled: nothing was sent or written.")
            case .enter:
                let text = t.path.text
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    t.error = "Type a path."
                    return []
                }
                t.error = nil
                t.stage = .working("Checking \(text)", isCheck: true)
                switch t.kind {
                case .upload: return start(&t, .inspect(path: text))
                case .download(_, let fileName, _): return start(&t, .checkDestination(path: text, fileName: fileName))
                }
            default:
                if t.path.handle(key) { t.error = nil }
                return []
            }
        case .confirmingUpload(let file):
            switch key {
            case .char("y"), .char("Y"):
                guard case .upload(let target, let label) = t.kind else { return [] }
                if writeMode == .dryRun {
                    return close("Dry run: would upload \(file.name) (\(Self.byteCount(file.size))) to \(label); nothing was sent.")
                }
                t.stage = .working("Uploading \(file.name) (\(Self.byteCount(file.size)))", isCheck: false)
                return start(&t, .upload(path: file.path, target: target))
            case .char("n"), .char("N"), .escape:
                return close("Cancelled: nothing was sent.")
            default: return []
            }
        case .confirmingOverwrite(let path):
            switch key {
            case .char("y"), .char("Y"):
                guard case .download(let id, _, _) = t.kind else { return [] }
                t.stage = .working("Downloading to \(path)", isCheck: false)
                return start(&t, .download(fileID: id, path: path, overwrite: true))
            case .char("n"), .char("N"), .escape:
                t.stage = .choosingPath
                t.error = "\(path) is kept; type another path."
                return []
            default: return []
            }
        case .working:
            guard key == .escape, case .working(_, true) = t.stage, let pending = t.pending else { return [] }
            t.pending = nil
            t.stage = .choosingPath
            return [.cancel(pending)]
        }
    }

    /// A transfer effect's result.
    mutating func receiveTransfer(_ id: Int, _ result: FileTransferResult) -> [Effect] {
        guard var t = transfer, t.pending == id else { return [] }
        t.pending = nil
        defer { if transfer != nil { transfer = t } }
        switch result {
        case .inspected(let file):
            t.stage = .confirmingUpload(file)
        case .destination(let path, let exists):
            guard case .download(let fileID, _, _) = t.kind else { return [] }
            if exists {
                t.stage = .confirmingOverwrite(path: path)
                return []
            }
            t.stage = .working("Downloading to \(path)", isCheck: false)
            return start(&t, .download(fileID: fileID, path: path, overwrite: false))
        case .uploaded(let fileID, let fileName, let size):
            guard case .upload(_, let label) = t.kind else { return [] }
            return close("Uploaded \(Sanitizer.inert(fileName)) (\(Self.byteCount(size))) as file #\(fileID) to \(label).")
        case .downloaded(let done):
            return close("Downloaded \(Self.byteCount(done.bytes)) to \(Sanitizer.inert(done.path)).")
        case .failed(let message):
            t.stage = .choosingPath
            t.error = message
        }
        return []
    }

    private mutating func start(_ t: inout FileTransfer, _ request: FileTransferRequest) -> [Effect] {
        let id = newRequestID()
        t.pending = id
        return [.fileTransfer(id, request)]
    }

    private mutating func close(_ notice: String) -> [Effect] {
        transfer = nil
        setNotice(notice)
        return []
    }

    /// `512 bytes`, `1.5 KB`, `3.2 MB`.
    static func byteCount(_ bytes: Int) -> String {
        if bytes < 1024 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) \(units[unit])"
    }
}
