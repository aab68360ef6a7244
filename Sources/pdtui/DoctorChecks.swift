import Foundation
import PipedriveEngine

/// One line of `pdtui doctor`: what was checked, what was found and, when something is wrong, what to do.
struct DoctorCheck: Equatable {
    enum Status: String { case ok = "ok", warn = "warn", fail = "FAIL" }
    var status: Status
    var name: String
    var detail: String

    init(_ status: Status, _ name: String, _ detail: String) {
        self.status = status
        self.name = name
        self.detail = detail
    }

    var line: String {
        status.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            + name.padding(toLength: 12, withPad: " ", startingAt: 0) + detail
    }
}

/// The checks of `pdtui doctor` as pure functions of what the command found on the machine.
enum DoctorChecks {
    /// `TERM` and the colours its terminfo entry declares (nil: no entry on this system).
    static func terminal(term: String?, colors: Int?, noColor: Bool) -> DoctorCheck {
        guard let term, !term.isEmpty, term != "dumb" else {
            return DoctorCheck(.warn, "terminal", "TERM is \(term == "dumb" ? "dumb" : "not set"): pdtui tries xterm-256color, "
                + "then xterm and vt100. Set TERM to your terminal's type (e.g. export TERM=xterm-256color).")
        }
        let shown = Sanitize.inline(term, limit: 60)
        guard let colors else {
            return DoctorCheck(.warn, "terminal", "no terminfo entry for TERM=\(shown) on this system: pdtui falls back to "
                + "xterm-256color. Install ncurses-term, or set TERM=xterm-256color.")
        }
        let palette = switch colors {
        case 256...: "256 colours"
        case 16...: "16 colours: themes use their 16-colour fallbacks"
        case 8...: "8 colours: themes use their 8-colour fallbacks"
        default: "no colours: themes draw with attributes (bold, reverse) only"
        }
        return DoctorCheck(.ok, "terminal", "TERM=\(shown), \(palette)" + (noColor ? "; NO_COLOR is set: attributes only" : ""))
    }

    /// The locale's character set: UTF-8 gives Unicode glyphs, anything else the ASCII fallback.
    static func locale(codeset: String, installed: Bool, environment: [String: String]) -> DoctorCheck {
        let variable = ["LC_ALL", "LC_CTYPE", "LANG"].first { !(environment[$0] ?? "").isEmpty }
        let setting = variable.map { "\($0)=\(Sanitize.inline(environment[$0] ?? "", limit: 60))" } ?? "no LANG, LC_CTYPE or LC_ALL"
        if !installed {
            return DoctorCheck(.warn, "locale", "\(setting) is not installed here (see `locale -a`): pdtui falls back to "
                + "ASCII glyphs. Install it, or use LANG=C.UTF-8.")
        }
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" {
            return DoctorCheck(.ok, "locale", "UTF-8 (\(setting)): Unicode glyphs and text")
        }
        return DoctorCheck(.warn, "locale", "\(codeset) (\(setting)), not UTF-8: pdtui draws ASCII glyphs and shows control "
            + "characters as ^X. For Unicode, export LANG=C.UTF-8.")
    }

    /// tmux or screen, and what that means for copying with OSC 52 (`y`). `passthrough`: tmux's
    /// `allow-passthrough` option, nil when it could not be read.
    static func multiplexer(environment: [String: String], passthrough: String?) -> DoctorCheck {
        if !(environment["TMUX"] ?? "").isEmpty {
            switch passthrough {
            case "on", "all":
                return DoctorCheck(.ok, "multiplexer", "inside tmux, allow-passthrough \(passthrough!): `y` copies to your clipboard (OSC 52)")
            case "off":
                return DoctorCheck(.warn, "multiplexer", "inside tmux with allow-passthrough off: `y` (OSC 52 copy) will not reach "
                    + "your clipboard. Run `tmux set -g allow-passthrough on` and add it to ~/.tmux.conf.")
            default:
                return DoctorCheck(.ok, "multiplexer", "inside tmux: `y` copies through tmux's passthrough (tmux 3.3 and later "
                    + "need `set -g allow-passthrough on`)")
            }
        }
        if !(environment["STY"] ?? "").isEmpty {
            return DoctorCheck(.warn, "multiplexer", "inside GNU screen, which does not pass OSC 52 on: `y` may not reach your "
                + "clipboard. Use tmux, or select with the terminal's mouse.")
        }
        let term = environment["TERM"] ?? ""
        if term.hasPrefix("screen") || term.hasPrefix("tmux") {
            return DoctorCheck(.ok, "multiplexer", "TERM=\(Sanitize.inline(term, limit: 60)) but no TMUX or STY: a multiplexer "
                + "on another machine? `y` copies only if it passes OSC 52 on")
        }
        return DoctorCheck(.ok, "multiplexer", "none: `y` copies with OSC 52 (also over ssh, where the terminal allows it)")
    }

    /// The config file's path and mode: it may hold tokens, so only its owner may read it.
    static func config(path: String, mode: Int?, loaded: Result<ConfigFile?, PipedriveError>) -> DoctorCheck {
        guard let mode else {
            return DoctorCheck(.ok, "config", "no file at \(path): accounts come from --base-url or PIPEDRIVE_BASE_URL "
                + "with PIPEDRIVE_API_TOKEN (or try --demo)")
        }
        let octal = "0" + String(mode, radix: 8)
        switch loaded {
        case .failure(let error):
            return DoctorCheck(.fail, "config", error.message)
        case .success(let config):
            let profiles = config?.profiles.keys.sorted() ?? []
            let list = profiles.isEmpty ? "no profiles" : "profiles: " + profiles.joined(separator: ", ")
            let chosen = config?.defaultProfile.map { " (default \($0))" } ?? ""
            return DoctorCheck(.ok, "config", "\(path), mode \(octal), \(list)\(chosen)")
        }
    }

    /// The account pdtui would open: profile, base URL and where the credential comes from (never the credential).
    static func profile(_ settings: ConnectionSettings, demo: Bool) -> DoctorCheck {
        let who = demo ? "the built-in sandbox (--demo)"
            : settings.profileName.map { "profile \($0)" } ?? "the environment (no profile)"
        let credential = switch settings.credential {
        case .apiToken: "API token"
        case .oauth(_, let tokens): "OAuth, access token expires \(Date(timeIntervalSince1970: Double(tokens.expiresAt)).formatted(.iso8601))"
        }
        return DoctorCheck(.ok, "profile", "\(who) at \(settings.baseURL.absoluteString), \(credential)"
            + (settings.readOnly ? ", read-only" : ""))
    }

    /// `GET /v1/users/me`'s answer: who the token belongs to.
    static func token(user: [String: String]) -> DoctorCheck {
        func field(_ key: String) -> String { Sanitize.inline(user[key] ?? "?", limit: 80) }
        return DoctorCheck(.ok, "token", "valid: \(field("name")) <\(field("email"))> of \(field("company_name")) "
            + "(\(field("company_domain")))")
    }

    /// What is left of the burst window and the day's token budget after the token check.
    static func rateLimit(_ budget: RateLimitBudget) -> DoctorCheck {
        var parts: [String] = []
        var low = false
        if let left = budget.burstRemaining, let limit = budget.burstLimit {
            parts.append("\(left) of \(limit) requests left in this 2-second window")
        }
        if let left = budget.dailyTokensRemaining, let limit = budget.dailyTokenLimit {
            parts.append("\(left) of \(limit) tokens left today")
            low = limit > 0 && left * 10 < limit
        }
        if parts.isEmpty { return DoctorCheck(.warn, "rate limit", "the answer carried no rate-limit headers") }
        return DoctorCheck(low ? .warn : .ok, "rate limit", parts.joined(separator: "; ")
            + (low ? ": less than a tenth of the day's budget is left; large reads may be refused until midnight UTC" : ""))
    }

    /// The state folder (staged changes, journal, column layouts) must be writable, or edits cannot be kept.
    /// `writable`: the folder, or the nearest existing folder above it, may be written.
    static func state(path: String, exists: Bool, writable: Bool) -> DoctorCheck {
        guard writable else {
            return DoctorCheck(.fail, "state", "\(path) is not writable: staged changes, the journal and column layouts "
                + "cannot be saved. Fix its permissions or set XDG_STATE_HOME.")
        }
        return DoctorCheck(.ok, "state", "\(path): staged changes, journal, column layouts"
            + (exists ? "; writable" : " (made on first use)"))
    }
}
