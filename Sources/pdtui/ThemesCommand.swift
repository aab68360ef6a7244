import ArgumentParser
import Foundation
import TUICore

/// `pdtui themes list` and `pdtui themes check FILE`.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes", abstract: "List the themes, or check a theme file.",
        subcommands: [List.self, Check.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List built-in and user themes.")

        func run() throws {
            let library = ThemeLibrary()
            for theme in library.list() {
                // A user theme's name and description are its author's text: shown inert.
                let name = Sanitizer.inert(theme.name)
                print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Sanitizer.inert(theme.description)) [\(Sanitizer.inert(theme.origin))]")
            }
            if let dir = library.userDirectory { print("\nUser themes: \(dir.path)/*.json5") }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a theme file: syntax, keys, colours.")

        @Argument(help: "The theme file (JSON5).")
        var file: String

        func run() throws {
            let library = ThemeLibrary()
            let theme: Theme
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                theme = try library.decode(data)
            } catch let error as ThemeError {
                throw ValidationError("\(file):\n  " + error.problems.map { Sanitizer.inert($0) }.joined(separator: "\n  "))
            } catch {
                throw ValidationError("\(file): cannot read: \(error.localizedDescription)")
            }
            let problems = theme.problems()
            guard problems.isEmpty else {
                throw ValidationError("\(file): theme \"\(Sanitizer.inert(theme.name))\":\n  " + problems.map { Sanitizer.inert($0) }.joined(separator: "\n  "))
            }
            print("\(file): theme \"\(Sanitizer.inert(theme.name))\" is valid (resolves on 8, 16 and 256 colours and with NO_COLOR)")
        }
    }
}
