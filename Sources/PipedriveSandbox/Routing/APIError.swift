import JSONValue

/// A request Pipedrive would refuse: rendered in Pipedrive's error envelope by the router.
public struct APIError: Error, Sendable {
    public var status: Int
    public var message: String
    public var errorInfo: String
    /// v2 validation errors carry a code, e.g. `ERR_SCHEMA_VALIDATION_FAILED`.
    public var code: String?
    /// The body field refused, for the resources whose errors name it apart from the message (webhooks).
    public var field: String?

    public init(
        status: Int, message: String, errorInfo: String = "Please check developers.pipedrive.com", code: String? = nil, field: String? = nil
    ) {
        self.status = status
        self.message = message
        self.errorInfo = errorInfo
        self.code = code
        self.field = field
    }

    /// 400 with a v1-style message, e.g. "Deal title must be given."
    public static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }

    /// 400 in v2's validation form: "Validation failed: <field>: <reason>".
    public static func validation(_ field: String, _ reason: String) -> APIError {
        APIError(status: 400, message: "Validation failed: \(field): \(reason)", code: "ERR_SCHEMA_VALIDATION_FAILED")
    }

    public static func notFound(_ message: String = "Entity was not found") -> APIError {
        APIError(status: 404, message: message, errorInfo: "Object was not found.")
    }

    /// Pipedrive's error envelope.
    public var envelope: JSON {
        var body: JSON = [
            "success": false, "error": .string(message), "error_info": .string(errorInfo), "data": nil,
            "additional_data": nil,
        ]
        if let code { body["code"] = .string(code) }
        return body
    }

    public var response: SandboxResponse { .json(envelope, status: status) }
}
