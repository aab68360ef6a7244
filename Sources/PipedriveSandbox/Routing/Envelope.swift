import JSONValue

/// Pipedrive's success envelopes.
public enum Envelope {
    /// v1: `{success, data, additional_data?, related_objects?}`.
    public static func v1(_ data: JSON, additionalData: JSON? = nil, relatedObjects: JSON? = nil, status: Int = 200)
        -> SandboxResponse
    {
        var body: JSON = ["success": true, "data": data]
        if let additionalData { body["additional_data"] = additionalData }
        if let relatedObjects { body["related_objects"] = relatedObjects }
        return .json(body, status: status)
    }

    /// v2: `{success, data, additional_data}`; lists carry `additional_data.next_cursor`.
    public static func v2(_ data: JSON, additionalData: JSON = nil, status: Int = 200) -> SandboxResponse {
        .json(["success": true, "data": data, "additional_data": additionalData], status: status)
    }
}
