import CNcursesw
import Foundation

/// What the terminal and the locale offer, asked without starting curses (for `pdtui doctor`).
public enum TerminalProbe {
    /// The colours `term`'s terminfo entry declares (0 for none), nil when the system has no entry for it.
    public static func colors(term: String) -> Int? {
        let colors = pd_terminfo_colors(term)
        return colors == -2 ? nil : max(Int(colors), 0)
    }

    /// The locale's character set as pdtui will see it (`UTF-8`, `ANSI_X3.4-1968`…), and whether the
    /// environment's locale exists on this system (a missing one falls back to C, hence ASCII).
    public static func locale() -> (codeset: String, installed: Bool) {
        let installed = setlocale(LC_ALL, "") != nil
        return (nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? "unknown", installed)
    }

    /// The locale's character set is UTF-8: pdtui draws Unicode glyphs, else ASCII ones.
    public static var localeIsUTF8: Bool { pd_locale_is_utf8() != 0 }
}
