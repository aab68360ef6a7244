import Foundation

/// The project's reference material in `spec/` (the seed, Pipedrive's specs and token costs).
enum SharedMaterial {
    static var packageRoot: URL { PDTUIBinary.packageRoot }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("spec/\(path)"), encoding: .utf8)
    }

    /// The seed's actions in order, each `(name, path)` as the seed writes them, `{{=parameters.X}}` and
    /// `{{=item.X}}` turned into `{X}`; the Base template's actions (no endpoint) left out.
    static func seedActions() throws -> [(name: String, path: String)] {
        let lines = try text("seed/000_9c50455bcb94e564.txt").components(separatedBy: "\n")
        var result: [(String, String)] = []
        var pending: String?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("- ["), line.hasSuffix("] action") {
                pending = String(line.dropFirst(3).dropLast(8))
            } else if line == "Endpoint URL address:", let name = pending {
                var path = lines[index + 1]
                for prefix in ["{{=parameters.", "{{=item."] {
                    path = path.replacingOccurrences(of: prefix, with: "{")
                }
                result.append((name, path.replacingOccurrences(of: "}}", with: "}")))
                pending = nil
            }
        }
        return result
    }
}
