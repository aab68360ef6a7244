// Placeholder: the workspace helper replaces this file.
enum WorkspaceEndpoints {
    static func register(in router: inout Router) {}
}

enum WorkspaceData {
    static func generatePeople(into store: inout Store, _ options: GenerationOptions) {}
    static func generateLinked(into store: inout Store, _ options: GenerationOptions) {}
}
