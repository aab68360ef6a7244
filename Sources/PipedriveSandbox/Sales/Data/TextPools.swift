import JSONValue

/// Names, words and addresses the generator draws from, in many scripts: Latin with diacritics,
/// Cyrillic, Greek, Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari, Thai, and some emoji.
enum TextPools {
    struct Culture: Sendable {
        var first: [String]
        var last: [String]
        /// Family name first, no space (Chinese, Japanese, Korean).
        var familyFirst: Bool
        var companySuffixes: [String]
        var companyWords: [String]
        var phonePrefix: String
        var domain: String
        /// Relative frequency.
        var weight: Int
    }

    static let cultures: [Culture] = [
        Culture(first: ["James", "Mary", "Robert", "Linda", "Michael", "Sarah", "David", "Emily", "Chris", "Jessica", "O'Brien"],
                last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "O'Connor", "Anderson"],
                familyFirst: false, companySuffixes: ["Inc.", "LLC", "Ltd", "Group", "& Co."],
                companyWords: ["Acme", "Blue Ridge", "Summit", "Northwind", "Pioneer", "Liberty", "Keystone", "Redwood"],
                phonePrefix: "+1 ", domain: "com", weight: 30),
        Culture(first: ["José", "María", "Zoë", "François", "Ångström", "Björn", "Søren", "Łukasz", "Małgorzata", "Ümit", "Çağla", "Jiří"],
                last: ["García", "Müller", "Dvořák", "Łęcki", "Ødegård", "Núñez", "Gonçalves", "Kovačević", "Şahin", "Håkansson"],
                familyFirst: false, companySuffixes: ["GmbH", "S.A.", "AB", "Sp. z o.o.", "s.r.o.", "A/S", "Oy"],
                companyWords: ["Nordlicht", "Größe", "Überall", "Señal", "Élan", "Fjällräv", "Złoty", "Škoda Parts", "Åsen"],
                phonePrefix: "+49 ", domain: "de", weight: 25),
        Culture(first: ["Иван", "Ольга", "Дмитрий", "Наталья", "Сергей"], last: ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов"],
                familyFirst: false, companySuffixes: ["ООО", "АО"], companyWords: ["Северсталь", "Ромашка", "Вектор", "Гранит"],
                phonePrefix: "+7 ", domain: "ru", weight: 5),
        Culture(first: ["Νίκος", "Ελένη", "Γιώργος", "Μαρία"], last: ["Παπαδόπουλος", "Οικονόμου", "Γεωργίου"],
                familyFirst: false, companySuffixes: ["Α.Ε.", "Ε.Π.Ε."], companyWords: ["Ολυμπία", "Αιγαίο", "Ερμής"],
                phonePrefix: "+30 ", domain: "gr", weight: 3),
        Culture(first: ["伟", "娜", "秀英", "强", "敏"], last: ["王", "李", "张", "刘", "陈"], familyFirst: true,
                companySuffixes: ["有限公司", "科技有限公司"], companyWords: ["华为", "长城", "东方", "星辰", "龙腾"],
                phonePrefix: "+86 ", domain: "cn", weight: 6),
        Culture(first: ["花子", "太郎", "さくら", "健太", "美咲"], last: ["佐藤", "鈴木", "高橋", "田中", "渡辺"], familyFirst: true,
                companySuffixes: ["株式会社", "合同会社"], companyWords: ["サクラ", "富士", "ミライ", "青空", "山田製作所"],
                phonePrefix: "+81 ", domain: "jp", weight: 5),
        Culture(first: ["민준", "서연", "지호", "하은"], last: ["김", "이", "박", "최"], familyFirst: true,
                companySuffixes: ["주식회사"], companyWords: ["한빛", "미래", "푸른바다"], phonePrefix: "+82 ", domain: "kr", weight: 3),
        Culture(first: ["محمد", "فاطمة", "أحمد", "ليلى", "يوسف"], last: ["العلي", "حداد", "الخطيب", "منصور"], familyFirst: false,
                companySuffixes: ["ش.م.م", "للتجارة"], companyWords: ["شركة الأمل", "النخبة", "الرواد", "الفجر"],
                phonePrefix: "+971 ", domain: "ae", weight: 5),
        Culture(first: ["דוד", "נועה", "יוסף", "מיכל"], last: ["כהן", "לוי", "מזרחי", "פרץ"], familyFirst: false,
                companySuffixes: ["בע״מ"], companyWords: ["אור", "גלים", "תמר"], phonePrefix: "+972 ", domain: "il", weight: 3),
        Culture(first: ["प्रिया", "राहुल", "अनीता", "विक्रम"], last: ["शर्मा", "वर्मा", "पटेल", "गुप्ता"], familyFirst: false,
                companySuffixes: ["प्राइवेट लिमिटेड"], companyWords: ["सूर्या", "गंगा", "विकास"], phonePrefix: "+91 ", domain: "in", weight: 4),
        Culture(first: ["สมชาย", "สุดา", "ประเสริฐ"], last: ["ใจดี", "ศรีสุข", "วงศ์ใหญ่"], familyFirst: false,
                companySuffixes: ["จำกัด"], companyWords: ["สยาม", "รุ่งเรือง"], phonePrefix: "+66 ", domain: "th", weight: 2),
    ]

    static let emojiCompanies = ["🚀 Rocket Labs", "Café ☕ Central", "🌱 GreenGrow", "Pixel 👾 Studio", "🦄 Unicorn Ventures"]

    static let productWords = [
        "Premium support plan", "Widget X-200", "Onboarding package", "Enterprise licence", "Cloud storage 1 TB",
        "Wartungsvertrag", "Ersatzteil-Set", "Consultoría técnica", "Abonnement annuel", "クラウド基本プラン",
        "高级服务套餐", "باقة الدعم", "Сервисный пакет", "Training day", "API add-on", "Hardware kit", "Installation",
    ]

    static let units = ["pcs", "hours", "licences", "kg", "m²", "Stück", "個", ""]

    static let dealTopics = [
        "renewal", "expansion", "pilot", "new licence", "upgrade", "Rahmenvertrag", "consultoría", "導入案件", "续约",
        "تجديد", "pilot 2027", "multi-year deal", "Q3 order",
    ]

    static let lostReasons = ["Price too high", "Went with a competitor", "No budget", "No decision", "Timing", "Zu teuer", "予算不足"]

    static let activitySubjects: [String: [String]] = [
        "call": ["Call", "Follow-up call", "Discovery call", "Anruf", "電話"],
        "meeting": ["Demo", "Kick-off meeting", "Quarterly review", "Réunion", "会议"],
        "task": ["Send proposal", "Prepare contract", "Update CRM", "Angebot schicken", "إرسال العرض"],
        "deadline": ["Contract deadline", "Proposal due", "締切"],
        "email": ["Send follow-up email", "Intro email", "E-Mail senden"],
        "lunch": ["Lunch", "Business lunch", "Déjeuner"],
    ]

    static let sentences = [
        "Discussed pricing and the rollout plan for next quarter.",
        "The customer asked for a second demo with their IT team.",
        "Budget approved, waiting for the signed contract.",
        "Kunde wünscht ein überarbeitetes Angebot mit Rabatt für drei Jahre.",
        "Le client souhaite une démonstration supplémentaire la semaine prochaine.",
        "顧客は来月の導入を検討しています。",
        "客户希望下周再次开会讨论价格。",
        "طلب العميل عرض سعر جديد قبل نهاية الشهر.",
        "הלקוח מבקש פגישה נוספת עם צוות ה-IT.",
        "ग्राहक अगले महीने निर्णय लेगा।",
        "Клиент просит скидку на годовую подписку.",
        "Follow up after the trade fair 🎉 — very interested!",
        "Decision maker is on holiday until the 15th.",
        "Sent the security questionnaire; legal review pending.",
    ]

    static let addresses: [[String: String]] = [
        ["value": "Mustamäe tee 3a, 10616 Tallinn, Estonia", "street_number": "3a", "route": "Mustamäe tee", "locality": "Tallinn",
         "admin_area_level_1": "Harju maakond", "country": "Estonia", "postal_code": "10616"],
        ["value": "Friedrichstraße 123, 10117 Berlin, Germany", "street_number": "123", "route": "Friedrichstraße", "locality": "Berlin",
         "admin_area_level_1": "Berlin", "country": "Germany", "postal_code": "10117"],
        ["value": "1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA", "street_number": "1600", "route": "Amphitheatre Pkwy",
         "locality": "Mountain View", "admin_area_level_1": "California", "country": "United States", "postal_code": "94043"],
        ["value": "東京都千代田区丸の内1-1-1", "street_number": "1-1-1", "route": "丸の内", "locality": "千代田区",
         "admin_area_level_1": "東京都", "country": "Japan", "postal_code": "100-0005"],
        ["value": "Avenida Paulista 1578, São Paulo - SP, 01310-200, Brasil", "street_number": "1578", "route": "Avenida Paulista",
         "locality": "São Paulo", "admin_area_level_1": "SP", "country": "Brazil", "postal_code": "01310-200"],
        ["value": "شارع الشيخ زايد، دبي، الإمارات العربية المتحدة", "route": "شارع الشيخ زايد", "locality": "دبي",
         "country": "United Arab Emirates"],
        ["value": "רחוב דיזנגוף 50, תל אביב", "street_number": "50", "route": "דיזנגוף", "locality": "תל אביב", "country": "Israel"],
        ["value": "10 Downing St, London SW1A 2AA, UK", "street_number": "10", "route": "Downing St", "locality": "London",
         "country": "United Kingdom", "postal_code": "SW1A 2AA"],
        ["value": "ul. Marszałkowska 84/92, 00-514 Warszawa, Polska", "street_number": "84/92", "route": "ul. Marszałkowska",
         "locality": "Warszawa", "country": "Poland", "postal_code": "00-514"],
        ["value": "北京市朝阳区建国路88号", "street_number": "88", "route": "建国路", "locality": "朝阳区", "admin_area_level_1": "北京市",
         "country": "China"],
    ]

    static let timezones: [(id: Int, name: String)] = [
        (318, "Europe/London"), (332, "Europe/Tallinn"), (334, "Europe/Berlin"), (96, "America/New_York"), (427, "Asia/Tokyo"),
    ]

    /// Hostile strings: terminal escapes, control characters, bidi overrides, combining marks, zero-width joiners.
    static let hostile = [
        "\u{1B}[31mRED ALERT\u{1B}[0m", "\u{1B}]0;pwned\u{07}title", "\u{1B}[2J\u{1B}[Hcleared", "bell\u{07}\u{07}\u{07}",
        "tab\tand\r\ncarriage", "nul\u{0}byte", "\u{202E}txt.exe", "Z̴̡̛͓a̶l̷g̸o̵ ̷t̶e̵x̸t̷", "👨‍👩‍👧‍👦 family",
        "\u{7F}\u{9B}31m C1 CSI", "back\u{08}\u{08}space", "'; DROP TABLE deals; --", "<script>alert(1)</script>",
        "%s%n%x", "\u{FEFF}bom", "\u{200B}zero\u{200B}width",
    ]

    /// Odd numbers for monetary and numeric fields; 2^53 + 1 is an integer no Double holds.
    static let oddNumbers: [JSON] = [
        .double(0), .double(-0.0), .double(0.1 + 0.2), .double(1e15), .int(9_007_199_254_740_993), .double(1e-7),
        .double(-42.5), .double(123_456_789.987_654_32), .double(99.999),
    ]
}
