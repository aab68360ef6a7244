// Placeholder: the sales-entity helper replaces this file.
enum SalesEndpoints {
    static func register(in router: inout Router) {}
}

enum SalesData {
    static func generate(into store: inout Store, _ options: GenerationOptions) {}
}
