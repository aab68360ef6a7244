/// What is drawn over the screen and takes every key until it closes (help, a dialog, a file
/// transfer, the column chooser): one at a time. Like a screen, it reads its keys as actions, gets
/// the results of its requests through the request table (addressed to its `id`), and draws itself.
protocol OverlayComponent: Sendable {
    /// Where its requests' results are routed; nil when it makes none.
    var id: ScreenID? { get }
    /// Where its keys are read as actions; nil while it takes keys as typed.
    var keyContext: KeyContext? { get }
    /// A key, with its action in the user's keys (nil when none, or while typing). The step closes it
    /// (`overlay: .close`) or leaves it open.
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step
    /// The result of a request it made.
    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step
    /// Requests it waits for (the spinner turns while there are any).
    var pendingRequests: [Int] { get }
    /// Its hints in place of the screen's; nil keeps the screen's.
    func hints(_ shared: Shared) -> [Hint]?
    /// Draws it over the frame (it knows where: a centred box, a column list).
    func draw(_ ctx: inout Context)
}

extension OverlayComponent {
    var id: ScreenID? { nil }
    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step { Step() }
    var pendingRequests: [Int] { [] }
    func hints(_ shared: Shared) -> [Hint]? { nil }
}

// Typed views of the overlay: reading gives the overlay when it is of that kind; setting a value shows
// it in place of any other, and setting nil closes it only if it is of that kind.
extension AppState {
    var help: HelpOverlay? { get { overlay as? HelpOverlay } set { show(newValue) } }
    var dialog: Dialog? { get { overlay as? Dialog } set { show(newValue) } }
    var transfer: FileTransfer? { get { overlay as? FileTransfer } set { show(newValue) } }
    var columnChooser: ColumnChooser? { get { overlay as? ColumnChooser } set { show(newValue) } }

    private mutating func show<O: OverlayComponent>(_ value: O?) {
        if let value { overlay = value } else if overlay is O { overlay = nil }
    }
}
