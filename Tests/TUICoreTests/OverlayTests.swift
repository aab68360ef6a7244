import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// Each overlay as a component, on `Shared` alone: its keys, what it closes with, and the results of
/// its requests.
@Suite struct OverlayTests {
    func isClose(_ step: Step) -> Bool { if case .close? = step.overlay { true } else { false } }

    @Test func helpScrollsToItsLastLineAndClosesOnItsKeys() {
        var shared = makeState().shared
        var help = HelpOverlay()
        let lines = HelpText.lines(shared.writeMode, keyMap: shared.keyMap).count
        _ = help.handle(.char("G"), .bottom, &shared)
        #expect(help.cursor.index == lines - HelpOverlay.rows(shared))
        _ = help.handle(.char("g"), .top, &shared)
        _ = help.handle(.char(" "), nil, &shared)
        #expect(help.cursor.index == HelpOverlay.rows(shared))  // a page is the lines shown, so none is skipped
        #expect(!isClose(help.handle(.char("j"), .down, &shared)))
        for action in [KeyAction.back, .help, .quit, .open] { #expect(isClose(help.handle(.char("x"), action, &shared))) }
    }

    @Test func aDialogAnswersWithItsRequestAndATypedConfirmationMustMatch() {
        var shared = makeState().shared
        var dialog = Dialog(title: "Delete 12 records?", lines: [], buttons: [
            .init(label: "Cancel", key: nil, action: .close), .init(label: "Delete", key: nil, action: .commit(confirmation: nil)),
        ], request: 7)
        dialog.input = LineEditor()
        dialog.expected = "12"
        _ = dialog.handle(.char("1"), nil, &shared)
        let wrong = dialog.handle(.enter, nil, &shared)
        #expect(wrong.command == nil && !isClose(wrong) && dialog.error?.contains("type 12") == true)
        _ = dialog.handle(.char("2"), nil, &shared)
        let go = dialog.handle(.enter, nil, &shared)
        #expect(go.command == .answer(request: 7, .commit(confirmation: "12")) && isClose(go))
        #expect(dialog.handle(.escape, nil, &shared).command == .answer(request: 7, .close))
    }

    @Test func aLetterAnswersAtOnceAndTheAppsOwnQuestionsHaveNoRequest() {
        var shared = makeState().shared
        var dialog = Dialog(title: "Quit?", lines: [], buttons: [
            .init(label: "Cancel", key: nil, action: .close), .init(label: "Keep", key: "k", action: .quit(.keep)),
        ])
        #expect(dialog.handle(.char("k"), nil, &shared).command == .answer(request: nil, .quit(.keep)))
    }

    @Test func theColumnChooserAppliesToTheSharedLayoutOnlyOnEnter() {
        var shared = makeState().shared
        let grid = GridScreen(id: shared.newScreenID(), title: "Deals", resource: "deals", request: nil, columns: dealColumns)
        var chooser = ColumnChooser(grid: grid, layout: shared.columnLayouts["deals"], title: "Deals")
        let title = chooser.items.firstIndex { $0.column.key == "title" }!
        chooser.cursor.index = title
        _ = chooser.handle(.char(" "), .mark, &shared)
        _ = chooser.handle(.shiftDown, .moveDown, &shared)
        #expect(shared.columnLayouts["deals"] == ColumnLayout())
        #expect(isClose(chooser.handle(.enter, .open, &shared)))
        #expect(shared.columnLayouts["deals"].hidden == ["title"])
        #expect(shared.columnLayouts["deals"].order.firstIndex(of: "title") == title)  // one place further, past the key column
        // The key column stays shown.
        chooser.cursor.index = 0
        _ = chooser.handle(.char(" "), .mark, &shared)
        #expect(chooser.items[0].visible && shared.message?.isError == true)
        #expect(isClose(chooser.handle(.escape, .back, &shared)))
    }

    @Test func aTransferRoutesItsResultsToItselfAndAnswersAFailureInPlace() throws {
        var shared = makeState().shared
        let record: JSON = ["id": 5, "file_name": "a.txt", "file_size": 3]
        let step = try #require(FileTransfer.start(.download, on: ("files", record), &shared))
        guard case .show(let shown)? = step.overlay, var transfer = shown as? FileTransfer else { Issue.record("no transfer"); return }
        let check = transfer.handle(.enter, nil, &shared)
        guard case .fileTransfer(let id, .checkDestination("./a.txt", "a.txt"))? = check.effects.first else { Issue.record("no check"); return }
        #expect(shared.requests[id] == transfer.id && transfer.pendingRequests == [id])
        _ = transfer.receive(id, .failure(UserError(.other, "Not allowed: ./a.txt")), &shared)
        #expect(transfer.stage == .choosingPath && transfer.error == "Not allowed: ./a.txt" && transfer.pendingRequests.isEmpty)
        #expect(isClose(transfer.handle(.escape, nil, &shared)))
        // Not on a record that takes no files.
        #expect(FileTransfer.start(.upload, on: ("currencies", ["id": 1]), &shared) == nil)
    }
}
