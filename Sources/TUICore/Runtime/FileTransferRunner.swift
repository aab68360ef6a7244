import Foundation
import PipedriveEngine

extension FileTransferRequest {
    /// Performs the request: local checks here, transfers through the engine session. Every failure comes
    /// back as `.failed` with its message, so the dialog shows it and stays open.
    func run(_ source: any BrowseSource) async -> FileTransferResult {
        do {
            switch self {
            case .inspect(let path):
                return .inspected(try LocalFile.inspect(path))
            case .checkDestination(let path, let fileName):
                var destination = LocalFile.expand(path)
                if LocalFile.isDirectory(destination) {
                    destination = (destination as NSString).appendingPathComponent(LocalFile.safeName(fileName))
                }
                try LocalFile.checkDestination(destination, overwrite: true)
                return .destination(path: destination, exists: LocalFile.exists(destination))
            case .upload(let path, let target):
                let record = try await source.session().upload(fileAt: path, to: target)
                return .uploaded(
                    fileID: record.id?.description ?? "?", fileName: record["file_name"]?.stringValue ?? path,
                    size: record["file_size"]?.intValue ?? 0)
            case .download(let fileID, let path, let overwrite):
                return .downloaded(try await source.session().download(fileID: .int(fileID), to: path, overwrite: overwrite))
            }
        } catch {
            return .failed(describe(error))
        }
    }
}
