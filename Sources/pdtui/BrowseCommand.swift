import ArgumentParser
import CursesBackend
import Foundation
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer
import TUICore

/// `pdtui` (the default command): browse an account, or the built-in sandbox with `--demo`.
struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse", abstract: "Browse an account in the terminal (the default command).")

    @Flag(help: "Browse the built-in sandbox (started in-process on a free loopback port): no account needed.")
    var demo = false

    @Flag(help: ArgumentHelp("With --demo: fill the sandbox with hostile values (escape sequences, control characters).", visibility: .hidden))
    var hostile = false

    @OptionGroup var account: AccountOptions

    @Option(help: "The theme: a name from `pdtui themes list`, or a theme file's path (also PDTUI_THEME).")
    var theme: String?

    @Flag(help: "Hide every write and refuse it if asked (also a profile's \"read_only\": true).")
    var readOnly = false

    @Flag(help: "Stage and review changes as usual, but committing only shows the calls it would make.")
    var dryRun = false

    @Flag(help: "Leave the mouse to the terminal (also the config's \"mouse\": false); by default clicks select, the wheel scrolls.")
    var noMouse = false

    @MainActor
    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Resolve the theme first: a bad name is reported before the screen changes.
        let library = ThemeLibrary(environment: environment)
        var settings: ConnectionSettings?
        do { settings = demo ? nil : try account.settings() } catch {
            throw usageError("\(error)\nTry `pdtui --demo` to browse the built-in sandbox.", of: Self.self)
        }
        let configPath = ConfigFile.defaultPath(environment: environment)
        let config: ConfigFile?
        do { config = try ConfigFile.load(configPath) } catch { throw usageError(error.message, of: Self.self) }
        let themeName = theme ?? environment["PDTUI_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? settings?.theme ?? config?.theme ?? "default"
        let chosen: Theme
        do { chosen = try library.theme(named: themeName) } catch let error as ThemeError {
            throw usageError("theme \(themeName): \(error.description)", of: Self.self)
        }
        let writeMode: WriteMode = readOnly || settings?.readOnly == true ? .readOnly : dryRun ? .dryRun : .normal
        // The session refuses writes too, should anything get past the TUI's refusal.
        if readOnly { settings?.readOnly = true }
        // One staging file per session (two sessions on one account never overwrite each other's); a
        // session that is gone leaves its changes to the next start. The demo's account is made afresh each
        // run from the same seed, so its slots serve every demo.
        let staged = try Self.stagingSlot(settings)
        let (leftOver, stagingNotice) = (staged.leftOver, staged.notice)
        let stagingFile = staged.slot.file
        let journalNotice = Journal.standard(environment: environment).setAsideIfDamaged()
        // An upload cut off by pdtui's death is settled by reading Pipedrive (never by sending it again).
        var uploadNotices: [String] = []
        if let settings { uploadNotices = await Session(settings: settings).settleInterruptedUploads(journal: .standard(environment: environment)) }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let keyMap = try Self.keyMap(config)
        let layoutFile = ColumnLayoutFile(path: settings.map { StatePaths.columnLayoutFile(for: $0) }
            ?? StatePaths.directory() + "/columns/demo.json")
        let (layouts, layoutNotice) = layoutFile.load()

        // The demo's sandbox starts behind the first screen, which needs no data; the first load waits for it.
        // The account's schema is kept between sessions (the demo's, made from the same seed, in `demo/`).
        let schemaCache = hostile ? nil : SchemaCacheFolder.standard(for: settings, environment: environment)
        let sandbox = demo ? Task.detached { [hostile] in
            try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(hostile: hostile)))
        } : nil
        let source: any BrowseSource
        let catalog: Catalog
        let account: String
        if let sandbox {
            source = DeferredSource {
                let server = try await sandbox.value
                guard let url = URL(string: server.baseURL) else { throw ValidationError("the sandbox gave no base URL") }
                return SessionSource(session: Session(settings: ConnectionSettings(
                    baseURL: url, credential: .apiToken(server.apiToken), profileName: "demo"), schemaCache: schemaCache))
            }
            catalog = .pipedrive
            account = "demo"
        } else {
            guard let settings else { throw ValidationError("no account to open") }
            let session = Session(settings: settings, schemaCache: schemaCache)
            source = SessionSource(session: session)
            catalog = session.catalog
            account = session.settings.profileName ?? session.settings.baseURL.host ?? "pdtui"
        }
        let terminal = try CursesTerminal(noColor: noColor, mouse: !noMouse && config?.mouse != false)
        defer { terminal.close() }
        // NO_COLOR keeps the chosen glyphs but draws with the monochrome theme's attributes.
        let drawing = terminal.depth == .none ? ((try? library.theme(named: "mono")) ?? chosen) : chosen
        let resolved = drawing.resolve(depth: terminal.depth, ascii: terminal.ascii)
        var state = AppState(catalog: ResourceInfo.list(catalog), size: terminal.size, format: ValueFormat(glyphs: resolved.glyphs),
                             accountName: account, writeMode: writeMode, staging: leftOver ?? Staging())
        state.keyMap = keyMap
        state.columnLayouts = layouts
        state.offerLeftOver()
        let notices = [stagingNotice, journalNotice, layoutNotice].compactMap { $0 } + uploadNotices
        if !notices.isEmpty { state.message = .init(text: notices.joined(separator: " "), isError: true) }
        let runtime = Runtime(state: state, renderer: Renderer(theme: resolved, ascii: terminal.ascii), source: source,
                              terminal: terminal, stagingFile: stagingFile)
        runtime.layoutFile = layoutFile
        runtime.returnsFreedMemory = true
        withExtendedLifetime(staged.slot) { runtime.run() }
        // The demo's sandbox goes with the process: quitting does not wait for it to finish starting.
        // A signal ends pdtui at once with 128 + its number; staged changes are already on disk.
        if terminal.signal != 0 {
            terminal.close()
            Foundation.exit(128 + terminal.signal)
        }
    }

    static func stagingSlot(_ settings: ConnectionSettings?) throws -> (slot: StagingSlot, leftOver: Staging?, notice: String?) {
        let directory = settings.map { StatePaths.stagingDirectory(for: $0) } ?? StatePaths.directory() + "/staged/demo"
        do {
            return try StagingSlot.claim(in: directory, legacyFile: directory + ".json")
        } catch {
            throw usageError(error.message, of: Self.self)
        }
    }

    /// The key bindings with the config's `"keys"` applied; a bad entry stops the start with the file and entry named.
    static func keyMap(_ config: ConfigFile?) throws -> KeyMap {
        guard let config, !config.keys.isEmpty else { return KeyMap() }
        do { return try KeyMap(overrides: config.keys) } catch { throw usageError("In \(config.path), \(error)", of: Self.self) }
    }
}
