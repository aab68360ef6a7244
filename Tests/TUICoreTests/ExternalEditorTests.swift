import Foundation
import Testing
@testable import TUICore

/// `$EDITOR` for long text, with a real editor: a script run the way a user's editor is.
@Suite struct ExternalEditorTests {
    /// A private scratch directory with an editor script in it.
    func editor(_ body: String) throws -> (ExternalEditor, dir: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-editor-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = dir + "/editor.sh"
        try ("#!/bin/sh\necho \"$1\" > '\(dir)/seen'\n" + body + "\n").write(toFile: script, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        // Run by sh, not executed itself: a file just written can be "busy" while parallel tests spawn.
        environment["EDITOR"] = "sh " + script
        environment["TMPDIR"] = dir
        return (ExternalEditor(environment: environment), dir)
    }

    @Test func theTextGoesOutInAPrivateFileAndComesBackEdited() throws {
        let (editor, dir) = try editor("""
            { stat -c %a "$1"; stat -c %a "$(dirname "$1")"; cat "$1"; echo added; } > "$1.new" && mv "$1.new" "$1"
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try editor.edit("Met the buyer.\nNext: pricing\n")
        #expect(text == "600\n700\nMet the buyer.\nNext: pricing\nadded\n")
        // The file and its directory are gone.
        let seen = try String(contentsOfFile: dir + "/seen", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(seen.hasPrefix(dir + "/pdtui-edit-"))
        #expect(!FileManager.default.fileExists(atPath: seen))
        #expect(!FileManager.default.fileExists(atPath: (seen as NSString).deletingLastPathComponent))
    }

    @Test func anEditorThatFailsLeavesTheTextAsItWas() throws {
        let (editor, dir) = try editor("exit 3")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            _ = try editor.edit("kept")
        } throws: { error in
            "\(error)" == "\(editor.command) exited with status 3; the text is unchanged"
        }
        let seen = try String(contentsOfFile: dir + "/seen", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!FileManager.default.fileExists(atPath: seen))
    }

    @Test func anEditorThatIsNotThereSaysSo() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["EDITOR"] = "pdtui-no-such-editor"
        #expect {
            _ = try ExternalEditor(environment: environment).edit("kept")
        } throws: { error in
            "\(error)" == "cannot run pdtui-no-such-editor: not found (set EDITOR to your editor); the text is unchanged"
        }
    }

    @Test func withoutEDITORItIsVi() {
        #expect(ExternalEditor(environment: [:]).command == "vi")
        #expect(ExternalEditor(environment: ["EDITOR": "  "]).command == "vi")
        #expect(ExternalEditor(environment: ["EDITOR": "code --wait"]).command == "code --wait")
    }
}
