import JSONValue

extension Extraction {
    /// The rows of an answer, each a JSON object.
    public func rows(from body: JSON) -> [JSON] {
        let data = body["data"] ?? .null
        switch self {
        case .data:
            switch data {
            case .array(let elements): return elements
            case .object(let members):
                // The goals service wraps its answers: `data.goals` lists, `data.goal` one goal.
                if members["id"] == nil, members.count == 1, let inner = members.values.first {
                    if case .array(let elements) = inner { return elements }
                    if case .object = inner { return [inner] }
                }
                return [data]
            default: return []
            }
        case .recentsData:
            return (data.arrayValue ?? []).compactMap { item in
                item["data"].flatMap { $0.objectValue != nil ? $0 : nil }
            }
        case .searchItems:
            return (data["items"]?.arrayValue ?? []).filter { $0.objectValue != nil }
        case .searchItemRecords:
            return (data["items"]?.arrayValue ?? []).compactMap { hit in
                hit["item"].flatMap { $0.objectValue != nil ? $0 : nil }
            }
        case .bytes:
            return []
        }
    }
}
