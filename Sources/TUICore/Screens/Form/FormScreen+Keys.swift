import JSONValue
import PipedriveEngine

extension FormScreen {
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? { shared.formKey(key, &self) }
}

/// Keys of the edit and create forms: moving between fields, typing and picking values, staging.
extension Shared {
    mutating func formKey(_ key: Key, _ form: inout FormScreen) -> Step {
        defer { form.scroll(height: formRows) }
        if form.confirmingDiscard {
            switch key {
            case .char("y"), .char("Y"): return Step(.pop)
            case .char("n"), .char("N"), .escape: form.confirmingDiscard = false
            default: break
            }
            return Step()
        }
        if form.pickList != nil { pickKey(key, &form); return Step() }
        if form.schema == nil, form.loading != nil, key != .escape {
            // Kept for when the fields come; Ctrl-S waits for the user to see them.
            if key == .ctrl("s") {
                setNotice("the fields are still loading: nothing staged yet")
            } else if form.typedAhead.count < FormScreen.maxTypedAhead {
                form.typedAhead.append(key)
            }
            return Step()
        }
        guard form.schema != nil, form.editing == nil else { return key == .escape ? Step(.pop) : Step() }
        if key == .ctrl("s") { return stage(&form) }
        let hasChoices = form.focused.map { !$0.choices.isEmpty } ?? false
        switch fieldMove(key) {
        case .nextField?: return moveFocus(&form, by: 1)
        case .previousField?: return moveFocus(&form, by: -1)
        default: break
        }
        switch key {
        case .escape:
            if hasChoices { return Step(effects: dropChoices(&form.fields[form.focus])) }
            if form.isChanged { form.confirmingDiscard = true; return Step() }
            return Step(.pop)
        case .down where hasChoices:
            form.fields[form.focus].choiceIndex = min(form.fields[form.focus].choiceIndex + 1, form.fields[form.focus].choices.count - 1)
            return Step()
        case .up where hasChoices:
            form.fields[form.focus].choiceIndex = max(form.fields[form.focus].choiceIndex - 1, 0)
            return Step()
        case .down: return moveFocus(&form, by: 1)
        case .up: return moveFocus(&form, by: -1)
        case .pageDown: return moveFocus(&form, by: formRows)
        case .pageUp: return moveFocus(&form, by: -formRows)
        case .enter:
            guard let field = form.focused else { return stage(&form) }
            if hasChoices {
                let effects = pickChoice(&form.fields[form.focus])
                return Step(effects: effects + moveFocus(&form, by: 1).effects)
            }
            switch field.input {
            case .pick: openPickList(&form)
            case .longText:
                let request = newRequestID(for: form.id)
                form.editing = (request, form.focus)
                return Step(effects: [.editText(request, text: field.editor.text)])
            default: return moveFocus(&form, by: 1)
            }
            return Step()
        case .char(let c) where form.focused?.isPick == true:
            // Space opens the list; a letter opens it narrowed to that letter.
            openPickList(&form, filter: c == " " ? "" : String(c))
            return Step()
        default:
            guard form.focused != nil else { return Step() }
            return Step(effects: edit(&form.fields[form.focus], key, current: form.current(form.fields[form.focus].field.key), owner: form.id))
        }
    }

    /// Moves to another line; the field left is checked, and its search dropped.
    private mutating func moveFocus(_ form: inout FormScreen, by delta: Int) -> Step {
        var effects: [Effect] = []
        if form.fields.indices.contains(form.focus) {
            effects = dropChoices(&form.fields[form.focus])
            form.fields[form.focus].error = form.fields[form.focus].problem(parser: parser, current: form.current(form.fields[form.focus].field.key))
            // An untouched field is not called wrong (a required one is checked by Stage).
            if !form.fields[form.focus].isChanged { form.fields[form.focus].error = nil }
        }
        form.focus = max(0, min(form.stageLine, form.focus + delta))
        return Step(effects: effects)
    }

    /// A key typed into the focused field.
    private mutating func edit(_ field: inout FormField, _ key: Key, current: JSON?, owner: ScreenID) -> [Effect] {
        switch field.input {
        case .toggle:
            switch key {
            case .char(" "), .left, .right: field.editor = LineEditor(field.editor.text == "yes" ? "no" : "yes")
            case .char("y"), .char("Y"): field.editor = LineEditor("yes")
            case .char("n"), .char("N"): field.editor = LineEditor("no")
            case .backspace, .delete: field.editor = LineEditor()
            default: return []
            }
            field.error = field.problem(parser: parser, current: current)
            return []
        case .pick:
            guard key == .backspace || key == .delete else { return [] }
            field.selected = []
            field.error = field.problem(parser: parser, current: current)
            return []
        case .longText:
            if case .char = key { setNotice("press Enter to edit \(field.field.title) in $EDITOR") }
            return []
        case .line, .reference:
            guard field.editor.handle(key) else { return [] }
            if field.picked?.label != field.editor.text { field.picked = nil }
            field.error = field.refusesAsTyped ? field.problem(parser: parser, current: current) : nil
            guard case .reference(let target) = field.input else { return [] }
            var effects = dropChoices(&field)
            let term = field.editor.text.trimmingCharacters(in: .whitespaces)
            if term.count >= 2, Int(term) == nil, field.picked == nil {
                let id = newRequestID(for: owner)
                field.searching = id
                effects.append(.search(id, resource: target, term: term))
            }
            return effects
        }
    }

    /// Takes the highlighted match as the field's record.
    private mutating func pickChoice(_ field: inout FormField) -> [Effect] {
        guard field.choices.indices.contains(field.choiceIndex) else { return [] }
        let choice = field.choices[field.choiceIndex]
        field.picked = Choice(id: choice.id, label: ValueFormatter.clean(choice.label))
        field.editor = LineEditor(field.picked!.label)
        field.error = nil
        return dropChoices(&field)
    }

    private func dropChoices(_ field: inout FormField) -> [Effect] {
        field.choices = []
        field.choiceIndex = 0
        defer { field.searching = nil }
        return field.searching.map { [.cancel($0)] } ?? []
    }

    // MARK: Pick lists

    private mutating func openPickList(_ form: inout FormScreen, filter: String = "") {
        guard let field = form.focused, case .pick(let multiple) = field.input else { return }
        guard !field.options.isEmpty else {
            form.fields[form.focus].error = "\(field.field.title) has no options to pick"
            return
        }
        form.pickList = PickList(multiple: multiple, selected: field.selected, options: field.options, filter: filter)
    }

    private mutating func pickKey(_ key: Key, _ form: inout FormScreen) {
        guard var list = form.pickList, form.fields.indices.contains(form.focus) else { form.pickList = nil; return }
        var field = form.fields[form.focus]
        let visible = list.visible(field.options)
        let current = visible.indices.contains(list.cursor) ? visible[list.cursor] : nil
        switch key {
        case .escape:
            form.pickList = nil
            return
        case .up: list.cursor = max(0, list.cursor - 1)
        case .down: list.cursor = min(max(0, visible.count - 1), list.cursor + 1)
        case .pageUp: list.cursor = max(0, list.cursor - 8)
        case .pageDown: list.cursor = min(max(0, visible.count - 1), list.cursor + 8)
        case .char(" ") where list.multiple:
            if let current { list.toggle(current.id) }
        case .enter, .char(" "):
            if list.multiple {
                field.selected = field.options.map(\.id).filter(list.marked.contains)
            } else if let current {
                field.selected = [current.id]
            }
            field.error = field.problem(parser: parser, current: form.current(field.field.key))
            form.fields[form.focus] = field
            form.pickList = nil
            return
        default:
            if list.filter.handle(key) { list.cursor = 0 }
        }
        form.pickList = list
    }

    // MARK: Staging

    /// Hands the changed values to `Staging`: an update of the record's changed fields, or a new
    /// record of every filled field. Wrong values stay in place with the reason and stage nothing.
    mutating func stage(_ form: inout FormScreen) -> Step {
        guard let schema = form.schema else { return Step() }
        let parser = self.parser
        var effects: [Effect] = []
        for i in form.fields.indices { effects += dropChoices(&form.fields[i]) }
        let filled = form.fields.indices.filter { form.isNew ? !form.fields[$0].value.trimmingCharacters(in: .whitespaces).isEmpty : form.fields[$0].isChanged }
        // Checked here first, so every wrong value shows at once and nothing half-right is staged.
        var wrong: [Int] = []
        for i in filled {
            form.fields[i].error = form.fields[i].problem(parser: parser, current: form.current(form.fields[i].field.key))
            if form.fields[i].error != nil { wrong.append(i) }
        }
        if form.isNew {
            for i in form.fields.indices where form.fields[i].field.isMandatory && !filled.contains(i) {
                form.fields[i].error = "is required"
                wrong.append(i)
            }
        }
        if let first = wrong.min() {
            let titles = wrong.sorted().map { form.fields[$0].field.title }
            form.error = "nothing staged: \(titles.count == 1 ? "1 field needs" : "\(titles.count) fields need") fixing (\(titles.joined(separator: ", ")))"
            form.focus = first
            return Step(effects: effects)
        }
        let text = Dictionary(uniqueKeysWithValues: filled.map { (form.fields[$0].field.key, form.fields[$0].value) })
        // References picked by name keep the name, to show it until the commit.
        let names = Dictionary(uniqueKeysWithValues: filled.compactMap { i in
            form.fields[i].pickedName.map { (form.fields[i].field.key, $0) }
        })
        switch form.purpose {
        case .edit(let record):
            guard !text.isEmpty else {
                setNotice("nothing changed: nothing staged")
                return Step(.pop, effects: effects)
            }
            let refused = staging.edit(record, of: schema, text: text, parser: parser, names: names)
            let done = filled.filter { refused[form.fields[$0].field.key] == nil }
            guard !refused.isEmpty else {
                setNotice("staged: \(done.map { form.fields[$0].field.title }.joined(separator: ", ")) (press c to review and commit)")
                return Step(.pop, effects: effects)
            }
            // What went through is staged; the form keeps the refused fields to fix.
            for i in done {
                form.fields[i].initial = form.fields[i].value
                form.fields[i].isStaged = true
            }
            showRefusals(refused, in: &form)
            return Step(effects: effects)
        case .bulk(let records):
            let shown = Dictionary(uniqueKeysWithValues: filled.compactMap { i -> (String, String)? in
                let field = form.fields[i]
                return field.shown == field.value ? nil : (field.field.key, field.shown)
            })
            switch staging.bulkEdit(records, of: schema, text: text, shown: shown, parser: parser) {
            case .success(let group?):
                setNotice("staged: \(group.label) (press c to review and commit)")
                return Step(.pop, effects: effects)
            case .success(nil):
                setNotice("nothing changed: the \(records.count) records hold these values already")
                return Step(.pop, effects: effects)
            case .failure(let refusal):
                showRefusals(refusal.fields, in: &form)
                if !refusal.records.isEmpty { form.error = "not staged: " + refusal.description.replacingOccurrences(of: "\n", with: "; ") }
                return Step(effects: effects)
            }
        case .create, .restage:
            switch staging.create(in: schema, text: text, parser: parser, names: names) {
            case .success:
                if case .restage(let change, _) = form.purpose { staging.remove(change) }
                let name = ResourceInfo(schema).nameKey.flatMap { text[$0] }.map { " \"\(ValueFormatter.clean($0))\"" } ?? ""
                setNotice("staged: \(form.title.lowercased())\(name) (press c to review and commit)")
                return Step(.pop, effects: effects)
            case .failure(let refusal):
                showRefusals(refusal.fields, in: &form)
                if let message = refusal.message { form.error = message }
                return Step(effects: effects)
            }
        }
    }

    private func showRefusals(_ refused: [String: String], in form: inout FormScreen) {
        var first: Int?
        for i in form.fields.indices {
            guard let reason = refused[form.fields[i].field.key] else { continue }
            form.fields[i].error = FormField.shortened(reason, title: form.fields[i].field.title)
            first = first ?? i
        }
        let others = refused.keys.filter { key in !form.fields.contains { $0.field.key == key } }.sorted()
        let titles = form.fields.filter { refused[$0.field.key] != nil }.map(\.field.title) + others.compactMap { refused[$0] }
        form.error = "not staged: " + titles.joined(separator: ", ")
        if let first { form.focus = first }
    }
}
