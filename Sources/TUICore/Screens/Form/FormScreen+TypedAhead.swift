/// Keys typed while a form's fields were loading, played into the fields once they come.
extension FormScreen {
    mutating func playTypedAhead(_ shared: inout Shared) -> [Effect] {
        let keys = typedAhead
        typedAhead = []
        var effects: [Effect] = []
        for (index, key) in keys.enumerated() {
            let step = shared.formKey(key, &self)
            effects += step.effects
            // A key that would close the form (Enter on the Stage line) has done its work; the form stays
            // open (a result cannot close a screen) and the keys after it are not played.
            if case .stay = step.move {} else {
                let rest = keys.count - index - 1
                shared.setNotice("keys typed while the form opened were played up to the Stage line" + (rest > 0 ? " (\(rest) after it not)" : "") + ": Esc closes the form")
                break
            }
        }
        return effects
    }
}
