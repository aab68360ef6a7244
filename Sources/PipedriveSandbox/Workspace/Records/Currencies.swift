import Foundation
import JSONValue

/// `/currencies`: the ISO currencies Pipedrive supports (a representative set) and one custom currency.
enum Currencies {
    static let known: [(code: String, name: String, decimals: Int, symbol: String)] = [
        ("EUR", "Euro", 2, "€"), ("USD", "US Dollar", 2, "$"), ("GBP", "British Pound", 2, "£"), ("JPY", "Japanese Yen", 0, "¥"),
        ("CHF", "Swiss Franc", 2, "CHF"), ("SEK", "Swedish Krona", 2, "kr"), ("NOK", "Norwegian Krone", 2, "kr"),
        ("DKK", "Danish Krone", 2, "kr."), ("PLN", "Polish Zloty", 2, "zł"), ("CZK", "Czech Koruna", 2, "Kč"),
        ("HUF", "Hungarian Forint", 2, "Ft"), ("RON", "Romanian Leu", 2, "lei"), ("BGN", "Bulgarian Lev", 2, "лв"),
        ("TRY", "Turkish Lira", 2, "₺"), ("ILS", "Israeli New Shekel", 2, "₪"), ("AED", "UAE Dirham", 2, "د.إ"),
        ("SAR", "Saudi Riyal", 2, "﷼"), ("INR", "Indian Rupee", 2, "₹"), ("CNY", "Chinese Yuan", 2, "¥"),
        ("KRW", "South Korean Won", 0, "₩"), ("THB", "Thai Baht", 2, "฿"), ("VND", "Vietnamese Dong", 0, "₫"),
        ("AUD", "Australian Dollar", 2, "A$"), ("NZD", "New Zealand Dollar", 2, "NZ$"), ("CAD", "Canadian Dollar", 2, "CA$"),
        ("BRL", "Brazilian Real", 2, "R$"), ("MXN", "Mexican Peso", 2, "MX$"), ("ZAR", "South African Rand", 2, "R"),
        ("NGN", "Nigerian Naira", 2, "₦"), ("BHD", "Bahraini Dinar", 3, "BD"), ("KWD", "Kuwaiti Dinar", 3, "KD"),
        ("UAH", "Ukrainian Hryvnia", 2, "₴"), ("RUB", "Russian Ruble", 2, "₽"),
    ]

    static func generate(into store: inout Store, _ options: GenerationOptions) {
        for (code, name, decimals, symbol) in known {
            store.save("currencies", row(id: store.nextID("currencies"), code: code, name: name, decimals: decimals, symbol: symbol, custom: false))
        }
        store.save("currencies", row(id: store.nextID("currencies"), code: "PTS", name: "Loyalty points ⭐", decimals: 0, symbol: "⭐", custom: true))
    }

    static func row(id: Int, code: String, name: String, decimals: Int, symbol: String, custom: Bool) -> JSON {
        [
            "id": .int(id), "code": .string(code), "name": .string(name), "decimal_points": .int(decimals),
            "symbol": .string(symbol), "active_flag": true, "is_custom_flag": .bool(custom),
        ]
    }

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "currencies", noun: "Currency")
        spec.list = .custom { context, store throws(APIError) in
            var rows = store["currencies"].all
            if let term = context.query["term"], !term.isEmpty {
                rows = rows.filter { row in
                    ["name", "code"].contains { row[$0]?.stringValue?.range(of: term, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
                }
            }
            return Envelope.v1(.array(rows))
        }
        spec.get = .none
        return spec
    }()
}
