/// Seconds since 1970 (UTC) to and from the API's timestamp texts, by calendar arithmetic: no formatter
/// per cell when a screen shows thousands of rows.
enum Moment {
    /// From v1 `YYYY-MM-DD HH:MM:SS` (UTC) or RFC 3339 (`2024-01-01T09:30:00Z`, `.000Z`, `+02:00`).
    static func seconds(parsing text: String) -> Int? {
        let chars = Array(text.utf8)
        if let seconds = fixedForm(chars) { return seconds }
        guard chars.count >= 19, chars[10] == UInt8(ascii: " ") || chars[10] == UInt8(ascii: "T"),
            let date = CalendarDate(String(decoding: chars[0..<10], as: UTF8.self)),
            let time = ClockTime(String(decoding: chars[11..<19], as: UTF8.self), requireSeconds: true)
        else { return nil }
        var rest = chars[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst().drop { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        var offset = 0
        if chars[10] == UInt8(ascii: "T") || !rest.isEmpty {
            switch rest.first {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"): guard rest.count == 1 else { return nil }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let zone = String(decoding: rest.dropFirst(), as: UTF8.self)
                guard zone.count == 5, let hhmm = ClockTime(zone) else { return nil }
                offset = (hhmm.hour * 3600 + hhmm.minute * 60) * (rest.first == UInt8(ascii: "+") ? 1 : -1)
            case nil where chars[10] == UInt8(ascii: " "): break
            default: return nil
            }
        }
        return days(from: date) * 86_400 + time.hour * 3600 + time.minute * 60 + time.second - offset
    }

    /// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SSZ`, the forms the API writes, read by position (a grid
    /// parses one per timestamp cell per frame); nil for any other form, which `seconds(parsing:)` reads.
    private static func fixedForm(_ c: [UInt8]) -> Int? {
        guard c.count == 19 && c[10] == UInt8(ascii: " ") || c.count == 20 && c[19] == UInt8(ascii: "Z") && (c[10] == UInt8(ascii: " ") || c[10] == UInt8(ascii: "T")),
            c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in c[at..<at + count] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let date = CalendarDate(year: year, month: month, day: day),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2), hour < 24, minute < 60, second < 60
        else { return nil }
        return days(from: date) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `YYYY-MM-DD HH:MM[:SS]` of a count of seconds (already shifted to the wanted zone).
    static func text(_ seconds: Int, seconds withSeconds: Bool = true) -> String {
        let day = seconds.floorDivided(by: 86_400), rest = seconds - day * 86_400
        let date = civil(fromDays: day)
        let clock = "\(pad(rest / 3600)):\(pad(rest % 3600 / 60))"
        return "\(pad(date.year, 4))-\(pad(date.month))-\(pad(date.day)) " + (withSeconds ? clock + ":\(pad(rest % 60))" : clock)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func rfc3339(_ seconds: Int) -> String {
        text(seconds).replacingOccurrences(of: " ", with: "T") + "Z"
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    static func days(from date: CalendarDate) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = year.floorDivided(by: 400)
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
