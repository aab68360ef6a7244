import JSONValue
import PipedriveEngine

/// One line of the commit view, in styled pieces; `target` is the index in `commitTargets` it stands for.
struct CommitLine {
    var pieces: [(text: String, role: ThemeRole)]
    var target: Int?

    init(_ pieces: [(String, ThemeRole)], target: Int? = nil) {
        self.pieces = pieces.map { (text: $0.0, role: $0.1) }
        self.target = target
    }
}

extension Context {
    mutating func drawCommit(_ screen: CommitScreen, in r: Rect) {
        let lines = commitLines(screen, width: r.width)
        let selected = lines.firstIndex { $0.target == screen.cursor.index } ?? 0
        let top = selected < r.height - 3 ? 0 : min(selected - 2, max(0, lines.count - r.height))
        for i in 0..<r.height {
            guard lines.indices.contains(top + i) else { break }
            let y = r.y + i
            var x = r.x
            for piece in lines[top + i].pieces where x < r.x + r.width {
                x += buffer.put(piece.text, x: x, y: y, style: theme[piece.role], maxWidth: r.x + r.width - x)
            }
            if top + i == selected, lines[selected].target != nil, screen.committing == nil {
                buffer.restyle(x: r.x, y: y, width: r.width) { _ in theme[.rowCursor] }
            }
        }
    }

    /// The last commit's outcomes, then each staged change: its fields old → new and the exact calls.
    func commitLines(_ screen: CommitScreen, width: Int) -> [CommitLine] {
        var lines: [CommitLine] = []
        if let report = screen.report {
            lines += reportLines(report, screen.reported)
            lines.append(CommitLine([]))
        }
        let staging = state.staging
        let held = staging.changes.filter(\.isHeld).count
        if staging.isEmpty {
            lines.append(CommitLine([(" Nothing staged. Esc goes back.", .title)]))
            return lines
        }
        var heading = " \(staging.changes.count) staged change\(staging.changes.count == 1 ? "" : "s")"
        if let plan = screen.plan { heading += " · \(plan.requests.count) call\(plan.requests.count == 1 ? "" : "s")" }
        if held > 0 { heading += " · \(held) held" }
        if state.writeMode == .dryRun { heading += " · dry run: \(state.keyMap.label(.commit)) shows the calls, sends nothing" }
        lines.append(CommitLine([(heading, .title)]))
        if let error = screen.planError { lines += wrap("   cannot work out the calls: " + error, .promptError, width: width) }
        let targets = state.commitTargets
        for change in staging.changes {
            let index = targets.firstIndex(of: .change(change.id))
            lines.append(CommitLine([(" " + glyphs.drill + " " + state.summary(of: change), .promptLabel)], target: index))
            if change.isHeld { lines.append(CommitLine([("     held: left out of commits (Space includes it)", .statusWarn)])) }
            if let failure = change.failure, change.conflict == nil {
                lines += wrap("     " + failure, .promptError, width: width)
            }
            switch change.kind {
            case .update(_, let edits):
                for edit in edits {
                    lines.append(CommitLine([
                        ("     " + edit.title + ": ", .fieldName),
                        (state.display(edit.old, key: edit.key, in: change.resource), .rowDeleted),
                        (" → ", .base),
                        (state.display(edit.new, key: edit.key, in: change.resource), .rowNew),
                    ], target: targets.firstIndex(of: .field(change.id, edit.key))))
                }
            case .create(let values):
                for key in values.keys.sorted() {
                    lines.append(CommitLine([
                        ("     " + state.fieldTitle(key, of: change) + ": ", .fieldName),
                        (state.display(values[key], key: key, in: change.resource), .rowNew),
                    ]))
                }
            case .delete(let records):
                for record in records {
                    let name = state.name(of: record.values, in: change.resource).map { " “\($0)”" } ?? ""
                    lines.append(CommitLine([("     \(record.id?.description ?? "?")\(name)", .rowDeleted)]))
                }
            }
            if let conflict = change.conflict {
                lines.append(CommitLine([("     changed on Pipedrive since it was loaded:", .statusWarn)]))
                for key in conflict.yours.keys.sorted() {
                    lines.append(CommitLine([
                        ("     " + state.fieldTitle(key, of: change) + ": theirs ", .fieldName),
                        (state.display(conflict.theirs[key], key: key, in: change.resource), .statusWarn),
                        (" · yours ", .fieldName),
                        (state.display(conflict.yours[key], key: key, in: change.resource), .rowNew),
                    ]))
                }
                lines.append(CommitLine([("     \(state.keyMap.label(.overwrite)) overwrite · \(state.keyMap.label(.takeTheirs)) take theirs · \(state.keyMap.label(.skip)) skip · Enter asks", .helpKey)]))
            }
            lines += callLines(change, screen, width: width)
        }
        return lines
    }

    private func callLines(_ change: StagedChange, _ screen: CommitScreen, width: Int) -> [CommitLine] {
        if change.isHeld { return [] }
        guard let planned = screen.plan?.changes.first(where: { $0.changeID == change.id }) else {
            return screen.planning != nil ? [CommitLine([("     working out the calls " + spinner, .promptHint)])] : []
        }
        return planned.requests.flatMap { wrap("     → " + $0.line, .promptHint, width: width) }
    }

    private func reportLines(_ report: CommitReport, _ summaries: [Int: String]) -> [CommitLine] {
        if report.isDryRun {
            return [CommitLine([(" Dry run: nothing was sent. The calls below are what a commit would send.", .statusOK)])]
        }
        var lines = [CommitLine([(" Last commit", .title)])]
        for outcome in report.outcomes {
            let what = summaries[outcome.changeID] ?? "change \(outcome.changeID)"
            switch outcome.result {
            case .done(let created):
                let ids = created.compactMap(\.id).map(\.description)
                lines.append(CommitLine([("   ✓ " + what + (ids.isEmpty ? ": done" : ": done, new id \(ids.joined(separator: ", "))"), .statusOK)]))
            case .failed(let message, _):
                lines.append(CommitLine([("   ✗ " + what + ": " + message, .promptError)]))
            case .conflict:
                lines.append(CommitLine([("   ! " + what + ": changed on Pipedrive since it was loaded (see below)", .statusWarn)]))
            case .unknown(let message):
                lines.append(CommitLine([("   ? " + what + ": may or may not have been done: " + message, .statusWarn)]))
            }
        }
        return lines
    }

    /// Breaks a long line (a call with its body) at the width, continuation lines indented.
    func wrap(_ text: String, _ role: ThemeRole, width: Int, indent: String = "       ") -> [CommitLine] {
        guard width > 12, TextWidth.of(text) > width else { return [CommitLine([(text, role)])] }
        var lines: [CommitLine] = []
        var current = ""
        var currentWidth = 0
        for character in text {
            let w = TextWidth.of(character)
            if currentWidth + w > width {
                lines.append(CommitLine([(current, role)]))
                current = indent
                currentWidth = indent.count
            }
            current.append(character)
            currentWidth += w
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(CommitLine([(current, role)])) }
        return lines
    }
}

extension Context {
    var commitHints: [Hint] {
        guard case .commit(let screen)? = state.stack.last, screen.committing == nil else { return [Hint(fixed: "", "sending…")] }
        return [Hint(.commit, state.writeMode == .dryRun ? "dry-run commit" : "commit"), Hint(.unstage, "unstage"), Hint(.mark, "hold"),
                Hint([.overwrite, .takeTheirs, .skip], "conflict"), Hint([.down, .up], "move"), Hint(.back, "back")]
    }
}
