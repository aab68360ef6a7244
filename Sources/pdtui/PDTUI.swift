import ArgumentParser

@main
struct PDTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdtui",
        abstract: "A terminal UI for Pipedrive CRM.",
        discussion: """
            Run `pdtui --demo` to browse the built-in sandbox: no account needed. `pdtui` alone opens the \
            default profile of ~/.config/pdtui/config.json, or PIPEDRIVE_BASE_URL with PIPEDRIVE_API_TOKEN; \
            `pdtui doctor` checks the terminal, the config and the token. See `man pdtui`.
            """,
        version: Version.text,
        subcommands: [
            BrowseCommand.self, SandboxCommand.self, CatalogCommand.self, GetCommand.self, ThemesCommand.self,
            SetCommand.self, NewCommand.self, DeleteCommand.self, JournalCommand.self, UndoCommand.self, FilesCommand.self,
            DoctorCommand.self, DuplicatesCommand.self, MergeCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self)
}
