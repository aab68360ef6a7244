import BuildInfo

/// The version and commit this binary was built from (`scripts/package` sets them from git).
enum Version {
    static let number = String(cString: pdtui_build_version())
    static let commit = String(cString: pdtui_build_commit())
    static let text = "pdtui \(number) (commit \(commit))"
}
