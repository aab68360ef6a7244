import Foundation
import JSONValue
import PipedriveEngine
import Synchronization

/// What the runtime needs from a terminal; `CursesBackend` is the real one.
@MainActor
public protocol TerminalScreen: AnyObject {
    var size: Size { get }
    /// The next key or resize, waiting at most `timeoutMilliseconds`; nil when nothing came.
    func read(timeoutMilliseconds: Int) -> TerminalInput?
    /// Shows the buffer, writing only the cells that changed since the last frame.
    func draw(_ buffer: Buffer)
    /// Puts text on the user's clipboard (OSC 52); a sentence when the copy cannot be confirmed.
    func copy(_ text: String) -> String?
    /// True once a signal (SIGINT, SIGTERM, SIGHUP) asked the program to end.
    var interrupted: Bool { get }
    /// Hands the terminal to another program (`$EDITOR`): the screen as the shell had it, cooked mode.
    func suspend()
    /// Takes the terminal back after `suspend` and redraws everything on the next `draw`.
    func resume()
}

public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize(Size)
    case mouse(MouseEvent)
}

/// Runs the state machine against a terminal: keys and effect results become events, effects run
/// as tasks whose results come back through an inbox, so a slow page never blocks the keyboard.
@MainActor
public final class Runtime {
    public private(set) var state: AppState
    let renderer: Renderer
    let source: any BrowseSource
    let terminal: any TerminalScreen
    /// Where staged changes are saved each time they change, so a crash or a dropped ssh session loses none.
    let stagingFile: StagingFile?
    /// Where the column layouts are saved each time one changes.
    public var layoutFile: ColumnLayoutFile?
    private let inbox = Inbox()
    private var tasks: [Int: Task<Void, Never>] = [:]
    /// Passes the source's schema changes on as events.
    private var schemaWatch: Task<Void, Never>?
    /// Called after each frame with the time the frame took, for benchmarks.
    public var onFrame: ((Duration) -> Void)?
    /// Whether a page's freed answer goes back to the system (see `FreedMemory`): the app's one process holds
    /// one account; a test process holds hundreds of sandboxes, whose heap each trim would walk.
    public var returnsFreedMemory = false

    public init(state: AppState, renderer: Renderer, source: any BrowseSource, terminal: any TerminalScreen,
                stagingFile: StagingFile? = nil) {
        self.state = state
        self.stagingFile = stagingFile
        self.renderer = renderer
        self.source = source
        self.terminal = terminal
        let inbox = self.inbox
        schemaWatch = Task.detached {
            for await resources in await source.schemaChanges() { inbox.post(.schemaChanged(resources), for: 0) }
        }
    }

    /// Loops until the user quits or a signal arrives.
    public func run() {
        state.size = terminal.size
        draw()
        var lastTick = ContinuousClock.now
        while !state.quitting && !terminal.interrupted {
            var changed = false
            if let input = terminal.read(timeoutMilliseconds: state.isLoading ? 40 : 100) {
                switch input {
                case .key(let key): send(.key(key))
                case .resize(let size): send(.resize(size))
                case .mouse(let event): send(.mouse(event))
                }
                changed = true
            }
            for (id, event) in inbox.drain() {
                if case .commitProgress = event {} else { tasks[id] = nil }
                send(event)
                changed = true
            }
            if ContinuousClock.now - lastTick >= .milliseconds(100) {
                lastTick = ContinuousClock.now
                let wasLoading = state.isLoading
                send(.tick(Date()))
                changed = changed || wasLoading
            }
            if changed { draw() }
        }
        for task in tasks.values { task.cancel() }
        schemaWatch?.cancel()
    }

    /// Applies an event and starts its effects.
    public func send(_ event: Event) {
        // Keys carry the time they came at: the grid's prefetch measures the scroll speed by it.
        if case .key = event { state.now = Date() }
        let staged = state.staging
        let layouts = state.columnLayouts
        let effects = state.update(event)
        if state.staging != staged, let stagingFile {
            do { try stagingFile.save(state.staging) } catch { state.setError("staged changes not saved: \(error)") }
        }
        if state.columnLayouts != layouts, let layoutFile {
            do { try layoutFile.save(state.columnLayouts) } catch { state.setError("column layout not saved: \(error)") }
        }
        for effect in effects { perform(effect) }
    }

    /// Applies what arrives until nothing loads and no task runs, or the timeout passes (for benchmarks and
    /// tests that drive the runtime without a key loop).
    public func settle(timeout: Duration = .seconds(10)) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for (id, event) in inbox.drain() {
                if case .commitProgress = event {} else { tasks[id] = nil }
                send(event)
            }
            if !state.isLoading && tasks.isEmpty { return }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    public func draw() {
        let start = ContinuousClock.now
        terminal.draw(renderer.render(state))
        onFrame?(ContinuousClock.now - start)
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit: state.quitting = true
        case .copy(let text):
            if let caveat = terminal.copy(text), let said = state.shared.message, !said.isError {
                state.setNotice("\(said.text): \(caveat)")
            }
        case .cancel(let id): tasks.removeValue(forKey: id)?.cancel()
        case .loadPage(let id, let request):
            let returnsFreedMemory = returnsFreedMemory
            start(id) { source in
                let page = try await source.page(request)
                // The answer is gone once its rows are in the page: its heap goes back beside the page's delivery.
                if returnsFreedMemory { Task.detached(priority: .background) { FreedMemory.release() } }
                return .pageLoaded(id, page)
            }
        case .nameRows(let id, let resource, let rows):
            start(id) { source in .completed(id, .success(.names(try await source.names(resource: resource, rows: rows)))) }
        case .loadRecord(let id, let resource, let row):
            start(id) { source in .recordLoaded(id, try await source.record(resource: resource, row: row)) }
        case .search(let id, let resource, let term):
            start(id) { source in .choicesLoaded(id, try await source.search(resource: resource, term: term)) }
        case .loadSchema(let id, let name):
            start(id) { source in
                let session = try await source.session()
                return .schemaLoaded(id, try await session.schema(of: try session.resource(named: name)))
            }
        case .editText(let id, let text):
            // The editor owns the terminal until it exits; results of other requests wait in the inbox.
            terminal.suspend()
            let edited = Result { try ExternalEditor().edit(text) }
            terminal.resume()
            switch edited {
            case .success(let text): inbox.post(.textEdited(id, text), for: id)
            case .failure(let error): inbox.post(.completed(id, .failure(UserError(error))), for: id)
            }
        case .write(let id, let request):
            let file = stagingFile
            let inbox = self.inbox
            let progress: @Sendable (CommitProgress) -> Void = { inbox.post(.commitProgress(id, $0), for: id) }
            start(id) { source in .wrote(id, await Self.write(request, source: source, file: file, progress: progress)) }
        case .fileTransfer(let id, let request):
            start(id) { source in .fileTransferred(id, await request.run(source)) }
        case .session(let id, let work):
            start(id) { source in .completed(id, .success(try await work.run(try await source.session()))) }
        case .openLink(let id, let resource, let record):
            start(id) { source in .completed(id, .success(try await LinkOpener().open(resource, record, source.session()))) }
        }
    }

    private func start(_ id: Int, _ work: @escaping @Sendable (any BrowseSource) async throws -> Event) {
        let source = self.source
        let inbox = self.inbox
        tasks[id] = Task.detached {
            let event: Event
            do { event = try await work(source) } catch is CancellationError { return } catch {
                event = .completed(id, .failure(UserError(error)))
            }
            guard !Task.isCancelled else { return }
            // The budget first, so that the result is drawn with what it cost.
            if let session = try? await source.session() { inbox.post(.rateLimit(session.rateLimit), for: id) }
            inbox.post(event, for: id)
        }
    }

    /// Runs a write on the engine session; errors come back as results, so a failed commit still
    /// returns the staging with what was done taken in (and the commit view is never left waiting).
    nonisolated static func write(
        _ request: WriteRequest, source: any BrowseSource, file: StagingFile?, progress: (@Sendable (CommitProgress) -> Void)? = nil
    ) async -> WriteResult {
        do {
            let session = try await source.session()
            switch request {
            case .plan(let staging): return .planned(try await session.plan(staging))
            case .commit(var staging, let confirmation, let dryRun):
                do {
                    let report = try await session.commit(
                        &staging, confirmation: confirmation, dryRun: dryRun, file: dryRun ? nil : file, progress: progress)
                    return .committed(staging, report, error: nil)
                } catch {
                    return .committed(staging, nil, error: PipedriveEngine.describe(error))
                }
            case .prepareUndo(let entry): return .undoPrepared(try await session.undo(entryID: entry, dryRun: true))
            case .undo(let entry, let dryRun): return .undone(try await session.undo(entryID: entry, dryRun: dryRun))
            }
        } catch {
            if case .commit(let staging, _, _) = request { return .committed(staging, nil, error: PipedriveEngine.describe(error)) }
            return .failed(PipedriveEngine.describe(error))
        }
    }
}

/// Results posted by effect tasks with their request ids, drained by the runtime loop.
final class Inbox: Sendable {
    private let events = Mutex<[(Int, Event)]>([])

    func post(_ event: Event, for id: Int) {
        events.withLock { $0.append((id, event)) }
    }

    func drain() -> [(Int, Event)] {
        events.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
