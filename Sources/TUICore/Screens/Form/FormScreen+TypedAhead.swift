/// Keys typed while a form's fields were loading, played into the fields once they come.
extension FormScreen {
    mutating func playTypedAhead(_ shared: inout Shared) -> Step {
        let keys = typedAhead
        typedAhead = []
        var played = Step()
        for key in keys {
            let step = shared.formKey(key, &self)
            played.effects += step.effects
            played.command = step.command ?? played.command
            played.overlay = step.overlay ?? played.overlay
            // A key that closes the form (Enter on the Stage line) closes it; keys after it had no form to go to.
            if case .stay = step.move {} else {
                played.move = step.move
                break
            }
        }
        return played
    }
}
