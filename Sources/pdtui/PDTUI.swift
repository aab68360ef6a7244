import ArgumentParser

@main
struct PDTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdtui",
        abstract: "A terminal UI for Pipedrive CRM.",
        subcommands: [
            BrowseCommand.self, SandboxCommand.self, CatalogCommand.self, GetCommand.self, ThemesCommand.self,
            SetCommand.self, NewCommand.self, DeleteCommand.self, JournalCommand.self, UndoCommand.self, FilesCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self)
}
