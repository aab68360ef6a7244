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

extension CommitScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        let what = committing != nil ? (shared.writeMode == .dryRun ? "dry run" : "sending") : "commit view"
        return ScreenStatus([what], loading: planning != nil || committing != nil)
    }

    func hints(_ shared: Shared) -> [Hint] {
        guard committing == nil else { return [Hint(fixed: "", "sending…")] }
        // The conflict keys settle the change under the cursor: offered only when it has one.
        let conflict = targets(shared)[safe: cursor.index]?.change.flatMap { shared.staging.change($0)?.conflict } != nil
        var hints = [Hint(.commit, shared.writeMode == .dryRun ? "dry-run commit" : "commit"), Hint(.unstage, "unstage"), Hint(.mark, "hold")]
            + (conflict ? [Hint([.overwrite, .takeTheirs, .skip], "conflict")] : []) + [Hint([.down, .up], "move"), Hint(.back, "back")]
        if shared.staging.changes.contains(where: { $0.group != nil }) { hints.insert(Hint(.open, "records"), at: 1) }
        return hints
    }

    func draw(_ area: Rect, _ ctx: inout Context) { ctx.drawCommit(self, in: area) }
}

extension Context {
    fileprivate mutating func drawCommit(_ screen: CommitScreen, in r: Rect) {
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
                let cursorStyle = theme[.rowCursor]
                buffer.restyle(x: r.x, y: y, width: r.width) { _ in cursorStyle }
            }
        }
    }

    /// The last commit's outcomes, then each staged change: its fields old → new and the exact calls.
    func commitLines(_ screen: CommitScreen, width: Int) -> [CommitLine] {
        var lines: [CommitLine] = []
        if let report = screen.report {
            lines += reportLines(report, screen.reported, groups: screen.reportedGroups, width: width)
            lines.append(CommitLine([]))
        }
        let shared = state.shared
        let staging = shared.staging
        let held = staging.changes.filter(\.isHeld).count
        if staging.isEmpty {
            lines.append(CommitLine([(" Nothing staged. Esc goes back.", .title)]))
            return lines
        }
        var heading = " \(staging.changes.count) staged change\(staging.changes.count == 1 ? "" : "s")"
        if let plan = screen.plan { heading += " · \(plan.requests.count) call\(plan.requests.count == 1 ? "" : "s")" }
        if held > 0 { heading += " · \(held) held" }
        if shared.writeMode == .dryRun { heading += " · dry run: \(shared.keyMap.label(.commit)) shows the calls, sends nothing" }
        lines.append(CommitLine([(heading, .title)]))
        if let error = screen.planError { lines += wrap("   cannot work out the calls: " + error, .promptError, width: width) }
        let targets = screen.targets(shared)
        if let progress = screen.progress, screen.committing != nil {
            var text = " Sending: \(progress.done)/\(progress.total)"
            if let wait = progress.waiting { text += String(format: " · waiting %.1f s for Pipedriveʼs rate limit", wait) }
            lines.append(CommitLine([(text, .statusWarn)]))
        }
        for entry in shared.commitEntries {
            guard let group = entry.change.group else {
                lines += changeLines(entry.change, targets, screen, width: width)
                continue
            }
            let open = screen.expanded.contains(group.id)
            let index = targets.firstIndex(of: .group(group.id))
            lines.append(CommitLine([(" " + (open ? (buffer.ascii ? "v" : "▾") : glyphs.drill) + " " + Sanitizer.inert(group.label), .promptLabel)], target: index))
            lines += groupSummary(entry.members, open: open, screen, width: width)
            if open {
                for member in entry.members { lines += changeLines(member, targets, screen, width: width, indent: "  ") }
            }
        }
        return lines
    }

    /// A folded group: how many records, which are held, changed on Pipedrive or refused, and its calls.
    private func groupSummary(_ members: [StagedChange], open: Bool, _ screen: CommitScreen, width: Int) -> [CommitLine] {
        var parts = ["\(members.count) record\(members.count == 1 ? "" : "s")"]
        let held = members.filter(\.isHeld).count, conflicts = members.filter { $0.conflict != nil }.count
        let failed = members.filter { $0.failure != nil && $0.conflict == nil }.count
        if held > 0 { parts.append("\(held) held") }
        if conflicts > 0 { parts.append("\(conflicts) changed on Pipedrive") }
        if failed > 0 { parts.append("\(failed) refused") }
        parts.append(open ? "Enter folds" : "Enter lists each record")
        var lines = [CommitLine([("     " + parts.joined(separator: " · "), conflicts + failed > 0 ? .statusWarn : .promptHint)])]
        guard !open else { return lines }
        let calls = members.filter { !$0.isHeld }.compactMap { member in screen.plan?.changes.first { $0.changeID == member.id } }.flatMap(\.requests)
        if let first = calls.first {
            lines += wrap("     → " + first.line, .promptHint, width: width)
            if calls.count > 1 { lines.append(CommitLine([("     and \(calls.count - 1) more call\(calls.count == 2 ? "" : "s") like it, one per record, paced under the rate limit", .promptHint)])) }
        } else if screen.planning != nil {
            lines.append(CommitLine([("     working out the calls " + spinner, .promptHint)]))
        }
        return lines
    }

    /// One change: its summary line, fields old → new (or values, or records), conflict and calls.
    private func changeLines(_ change: StagedChange, _ targets: [CommitTarget], _ screen: CommitScreen, width: Int, indent: String = "") -> [CommitLine] {
        var lines: [CommitLine] = []
        let index = targets.firstIndex(of: .change(change.id))
        lines.append(CommitLine([(indent + " " + glyphs.drill + " " + state.shared.summary(of: change), .promptLabel)], target: index))
        let pad = indent + "     "
        if change.isHeld { lines.append(CommitLine([(pad + "held: left out of commits (Space includes it)", .statusWarn)])) }
        if let failure = change.failure, change.conflict == nil {
            lines += wrap(pad + failure, .promptError, width: width)
        }
        switch change.kind {
        case .update(_, let edits):
            for edit in edits {
                lines.append(CommitLine([
                    (pad + edit.title + ": ", .fieldName),
                    (screen.shown(edit.old, edit.key, change, state.shared), .rowDeleted),
                    (" → ", .base),
                    (change.group?.shown[edit.key].map { Sanitizer.inert($0) } ?? screen.shown(edit.new, edit.key, change, state.shared), .rowNew),
                ], target: targets.firstIndex(of: .field(change.id, edit.key))))
            }
        case .create(let values):
            for key in values.keys.sorted() {
                lines.append(CommitLine([
                    (pad + state.shared.fieldTitle(key, of: change) + ": ", .fieldName),
                    (screen.shown(values[key], key, change, state.shared), .rowNew),
                ]))
            }
        case .delete(let records):
            for record in records {
                let name = state.shared.name(of: record.values, in: change.resource).map { " “\($0)”" } ?? ""
                lines.append(CommitLine([(pad + "\(record.id?.description ?? "?")\(name)", .rowDeleted)]))
            }
        }
        if let conflict = change.conflict {
            lines.append(CommitLine([(pad + "changed on Pipedrive since it was loaded:", .statusWarn)]))
            for key in conflict.yours.keys.sorted() {
                lines.append(CommitLine([
                    (pad + state.shared.fieldTitle(key, of: change) + ": theirs ", .fieldName),
                    (screen.shown(conflict.theirs[key], key, change, state.shared), .statusWarn),
                    (" · yours ", .fieldName),
                    (screen.shown(conflict.yours[key], key, change, state.shared), .rowNew),
                ]))
            }
            lines.append(CommitLine([(pad + "\(state.shared.keyMap.label(.overwrite)) overwrite · \(state.shared.keyMap.label(.takeTheirs)) take theirs · \(state.shared.keyMap.label(.skip)) skip · Enter asks", .helpKey)]))
        }
        lines += callLines(change, screen, width: width, pad: pad)
        return lines
    }

    private func callLines(_ change: StagedChange, _ screen: CommitScreen, width: Int, pad: String) -> [CommitLine] {
        if change.isHeld { return [] }
        guard let planned = screen.plan?.changes.first(where: { $0.changeID == change.id }) else {
            return screen.planning != nil ? [CommitLine([(pad + "working out the calls " + spinner, .promptHint)])] : []
        }
        return planned.requests.flatMap { wrap(pad + "→ " + $0.line, .promptHint, width: width) }
    }

    private func reportLines(_ report: CommitReport, _ summaries: [Int: String], groups: [Int: String], width: Int) -> [CommitLine] {
        if report.isDryRun {
            return [CommitLine([(" Dry run: nothing was sent. The calls below are what a commit would send.", .statusOK)])]
        }
        var lines = [CommitLine([(" Last commit", .title)])]
        var summarized: Set<String> = []
        for outcome in report.outcomes {
            if let label = groups[outcome.changeID] {
                // A bulk's records as one line: how many of each outcome.
                guard summarized.insert(label).inserted else { continue }
                let results = report.outcomes.filter { groups[$0.changeID] == label }.map(\.result)
                let done = results.filter { if case .done = $0 { true } else { false } }.count
                var parts = ["\(done) of \(results.count) done"]
                let conflicts = results.filter { if case .conflict = $0 { true } else { false } }.count
                let unknown = results.filter { if case .unknown = $0 { true } else { false } }.count
                let failures = results.compactMap { if case .failed(let message, _) = $0 { message } else { nil } }
                if conflicts > 0 { parts.append("\(conflicts) changed on Pipedrive (see below)") }
                if unknown > 0 { parts.append("\(unknown) may or may not have been done") }
                if let first = failures.first { parts.append("\(failures.count) not done: \(first)") }
                let mark = done == results.count ? "✓" : "!"
                lines += wrap("   \(mark) " + Sanitizer.inert(label) + ": " + parts.joined(separator: ", "), done == results.count ? .statusOK : .statusWarn, width: width)
                continue
            }
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
