import PipedriveEngine

extension SandboxFixture {
    /// A sandbox whose sessions talk to it in-process, and a journal in a fresh temporary folder: what a
    /// suite that commits, journals and undoes needs.
    public static func withJournal() throws -> (SandboxFixture, TemporaryFolder, Journal) {
        let folder = try TemporaryFolder()
        return (try SandboxFixture(inProcess: true), folder, Journal(path: folder.path + "/pdtui/journal.jsonl"))
    }
}
