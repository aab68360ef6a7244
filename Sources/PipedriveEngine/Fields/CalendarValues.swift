/// A date `YYYY-MM-DD`, checked against the calendar.
struct CalendarDate: Equatable {
    let year: Int, month: Int, day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Self.digits(parts[0]), let month = Self.digits(parts[1]), let day = Self.digits(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// nil for a day the calendar does not have.
    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    var text: String { "\(pad(year, 4))-\(pad(month))-\(pad(day))" }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

/// A time of day `HH:MM` or `HH:MM:SS`.
struct ClockTime: Equatable {
    let hour: Int, minute: Int, second: Int

    init?(_ text: String, requireSeconds: Bool = false) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 || (parts.count == 2 && !requireSeconds), parts.allSatisfy({ $0.count == 2 }),
            let hour = CalendarDate.digits(parts[0]), let minute = CalendarDate.digits(parts[1]),
            hour < 24, minute < 60
        else { return nil }
        let second = parts.count == 3 ? CalendarDate.digits(parts[2]) : 0
        guard let second, second < 60 else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    var text: String { "\(pad(hour)):\(pad(minute)):\(pad(second))" }
    /// `HH:MM`, the form of built-in times (seconds dropped).
    var shortText: String { "\(pad(hour)):\(pad(minute))" }
}

func pad(_ value: Int, _ width: Int = 2) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
