/// What is drawn over the screen and takes every key until it closes.
public enum Overlay: Sendable {
    /// `?`: the keys, scrolled to the cursor's line.
    case help(ListCursor)
    /// A question with buttons (delete confirmation, conflict, undo, quit).
    case dialog(Dialog)
    /// An upload or download.
    case transfer(FileTransfer)
    /// `C`: the grid's columns.
    case columns(ColumnChooser)
}

// Typed views of the overlay: reading gives the overlay when it is of that kind; setting a value shows
// it in place of any other, and setting nil closes it only if it is of that kind.
extension AppState {
    public var help: ListCursor? {
        get { if case .help(let cursor)? = overlay { cursor } else { nil } }
        set { if let newValue { overlay = .help(newValue) } else if help != nil { overlay = nil } }
    }

    public var dialog: Dialog? {
        get { if case .dialog(let dialog)? = overlay { dialog } else { nil } }
        set { if let newValue { overlay = .dialog(newValue) } else if dialog != nil { overlay = nil } }
    }

    public var transfer: FileTransfer? {
        get { if case .transfer(let transfer)? = overlay { transfer } else { nil } }
        set { if let newValue { overlay = .transfer(newValue) } else if transfer != nil { overlay = nil } }
    }

    public var columnChooser: ColumnChooser? {
        get { if case .columns(let chooser)? = overlay { chooser } else { nil } }
        set { if let newValue { overlay = .columns(newValue) } else if columnChooser != nil { overlay = nil } }
    }
}
