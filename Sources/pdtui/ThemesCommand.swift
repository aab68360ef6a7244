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
                print("\(theme.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(theme.description) [\(theme.origin)]")
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
                throw ValidationError("\(file):\n  " + error.problems.joined(separator: "\n  "))
            } catch {
                throw ValidationError("\(file): cannot read: \(error.localizedDescription)")
            }
            let problems = theme.problems()
            guard problems.isEmpty else {
                throw ValidationError("\(file): theme \"\(theme.name)\":\n  " + problems.joined(separator: "\n  "))
            }
            print("\(file): theme \"\(theme.name)\" is valid (resolves on 8, 16 and 256 colours and with NO_COLOR)")
        }
    }
}
