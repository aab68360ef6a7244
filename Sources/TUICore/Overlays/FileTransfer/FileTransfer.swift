import JSONValue
import PipedriveEngine

/// An upload (`U` on a deal, person, organization or product) or a download (`D` on a file) in progress:
/// a small dialog over the screen that asks for a path, checks it before anything is sent, asks for
/// confirmation, then runs the transfer as an effect.
public struct FileTransfer: OverlayComponent, Equatable {
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
    /// Where its results are routed.
    let owner: ScreenID

    init(kind: Kind, path: String = "", _ shared: inout Shared) {
        self.kind = kind
        self.path = LineEditor(path)
        owner = shared.newScreenID()
    }

    var id: ScreenID? { owner }

    /// Keys are taken as typed (a path, `y`/`n`).
    var keyContext: KeyContext? { nil }

    var pendingRequests: [Int] { pending.map { [$0] } ?? [] }
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

extension FileTransfer {
    /// `U` and `D` on a screen's current record (a grid's row, a detail); nil when the action is not
    /// one of them or does not apply to the record.
    static func start(_ action: KeyAction?, on current: (String, JSON)?, _ shared: inout Shared) -> Step? {
        switch action {
        case .upload?:
            guard let (resource, record) = current, let id = record["id"]?.intValue,
                  let target = FileTarget(resource: resource, id: id) else { return nil }
            guard shared.writeMode != .readOnly else {
                shared.setError("Read-only: uploads are refused (--read-only or the profile's read_only).")
                return Step()
            }
            let shortName = shared.name(of: record.objectValue ?? [:], in: resource, width: 30) ?? ""
            return Step(showing: FileTransfer(kind: .upload(target: target, label: "\(target.noun) \(shortName) (#\(id))"), &shared))
        case .download?:
            guard let (resource, record) = current, resource == "files", let id = record["id"]?.intValue else { return nil }
            let name = record["file_name"]?.stringValue ?? record["name"]?.stringValue ?? "file-\(id)"
            return Step(showing: FileTransfer(
                kind: .download(fileID: id, fileName: name, size: record["file_size"]?.intValue),
                path: "./" + LocalFile.safeName(name), &shared))
        default:
            return nil
        }
    }

    /// It takes every key while open.
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step {
        switch stage {
        case .choosingPath:
            switch key {
            case .escape:
                return close("Cancelled: nothing was sent or written.", &shared)
            case .enter:
                let text = path.text
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    error = "Type a path."
                    return Step()
                }
                error = nil
                stage = .working("Checking \(text)", isCheck: true)
                switch kind {
                case .upload: return start(.inspect(path: text), &shared)
                case .download(_, let fileName, _): return start(.checkDestination(path: text, fileName: fileName), &shared)
                }
            default:
                if path.handle(key) { error = nil }
                return Step()
            }
        case .confirmingUpload(let file):
            switch key {
            case .char("y"), .char("Y"):
                guard case .upload(let target, let label) = kind else { return Step() }
                if shared.writeMode == .dryRun {
                    return close("Dry run: would upload \(file.name) (\(Self.byteCount(file.size))) to \(label); nothing was sent.", &shared)
                }
                stage = .working("Uploading \(file.name) (\(Self.byteCount(file.size)))", isCheck: false)
                return start(.upload(path: file.path, target: target), &shared)
            case .char("n"), .char("N"), .escape:
                return close("Cancelled: nothing was sent.", &shared)
            default: return Step()
            }
        case .confirmingOverwrite(let destination):
            switch key {
            case .char("y"), .char("Y"):
                guard case .download(let id, _, _) = kind else { return Step() }
                stage = .working("Downloading to \(destination)", isCheck: false)
                return start(.download(fileID: id, path: destination, overwrite: true), &shared)
            case .char("n"), .char("N"), .escape:
                stage = .choosingPath
                error = "\(destination) is kept; type another path."
                return Step()
            default: return Step()
            }
        case .working:
            guard key == .escape, case .working(_, true) = stage, let pending else { return Step() }
            _ = shared.finish(pending)
            self.pending = nil
            stage = .choosingPath
            return Step(effects: [.cancel(pending)])
        }
    }

    /// A transfer effect's result.
    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        guard pending == id else { return Step() }
        pending = nil
        let outcome: FileTransferResult
        switch result {
        case .success(.transfer(let done)): outcome = done
        case .success: return Step()
        case .failure(let failure): outcome = .failed(failure.message)
        }
        switch outcome {
        case .inspected(let file):
            stage = .confirmingUpload(file)
        case .destination(let destination, let exists):
            guard case .download(let fileID, _, _) = kind else { return Step() }
            if exists {
                stage = .confirmingOverwrite(path: destination)
                return Step()
            }
            stage = .working("Downloading to \(destination)", isCheck: false)
            return start(.download(fileID: fileID, path: destination, overwrite: false), &shared)
        case .uploaded(let fileID, let fileName, let size):
            guard case .upload(_, let label) = kind else { return Step() }
            return close("Uploaded \(Sanitizer.inert(fileName)) (\(Self.byteCount(size))) as file #\(fileID) to \(label).", &shared)
        case .downloaded(let done):
            return close("Downloaded \(Self.byteCount(done.bytes)) to \(Sanitizer.inert(done.path)).", &shared)
        case .failed(let message):
            stage = .choosingPath
            error = message
        }
        return Step()
    }

    private mutating func start(_ request: FileTransferRequest, _ shared: inout Shared) -> Step {
        let id = shared.newRequestID(for: owner)
        pending = id
        return Step(effects: [.fileTransfer(id, request)])
    }

    private func close(_ notice: String, _ shared: inout Shared) -> Step {
        shared.setNotice(notice)
        return Step(overlay: .close)
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
