import JSONValue

/// `/subscriptions`: absent from both of today's specs (Pipedrive retired them); the seed still creates,
/// updates and deletes them. Shaped on Pipedrive's old documentation (the SubscriptionItem object and the
/// recurring/installment request bodies of the pipedrive client libraries). `update_deal_value` is accepted
/// but leaves the deal alone: deals belong to the sales side of the sandbox.
enum Subscriptions {
    static let cadences = ["weekly", "monthly", "quarterly", "yearly"]
    static let recurringSchema = BodySchema([
        "deal_id": .required(.int), "currency": .required(.string), "description": .optional(.string),
        "cadence_type": .required(.oneOf(cadences)), "cycles_count": .optional(.int), "cycle_amount": .required(.number),
        "start_date": .required(.date), "infinite": .optional(.bool), "payments": .optional(.array), "update_deal_value": .optional(.bool),
    ])
    static let installmentSchema = BodySchema([
        "deal_id": .required(.int), "currency": .required(.string), "payments": .required(.array), "update_deal_value": .optional(.bool),
    ])
    static let recurringUpdateSchema = BodySchema([
        "description": .optional(.string), "cycle_amount": .optional(.number), "payments": .optional(.array),
        "update_deal_value": .optional(.bool), "effective_date": .required(.date),
    ])
    static let installmentUpdateSchema = BodySchema(["payments": .required(.array), "update_deal_value": .optional(.bool)])
    static let notFound = "Subscription not found"
    /// Get and delete; writes name the subscription's type in their path, so they have their own routes.
    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "subscriptions", noun: "Subscription")
        // A deleted subscription is answered, and kept, inactive.
        spec.delete = .init(
            mark: { row, now in
                row["is_active"] = false
                row["final_status"] = "deleted"
                row["update_time"] = .string(Timestamp.v1(now))
            },
            answer: { Envelope.v1($0) })
        return spec
    }()

    static func register(in router: inout Router) {
        WorkspaceRoutes.register(spec, in: &router)
        router.add("GET", .v1, "/subscriptions/find/{deal_id}") { context, store throws(APIError) in
            let deal = try context.intParam("deal_id")
            guard let row = store["subscriptions"].all.first(where: { $0["deal_id"]?.intValue == deal }) else { throw .notFound(notFound) }
            return Envelope.v1(row)
        }
        router.add("POST", .v1, "/subscriptions/{type}") { context, store throws(APIError) in
            let type = context.pathParams["type"] ?? ""
            guard let schema = ["recurring": recurringSchema, "installment": installmentSchema][type] else { throw .notFound("Unknown subscription type '\(type)'") }
            let values = try schema.validate(try context.body())
            let deal = values["deal_id"]!.intValue!
            guard store["deals"][deal] != nil else { throw .badRequest("Parameter 'deal_id': deal \(deal) does not exist.") }
            guard !store["subscriptions"].all.contains(where: { $0["deal_id"]?.intValue == deal }) else {
                throw .badRequest("Deal \(deal) already has a subscription.")
            }
            let currency = try checkedCurrency(values["currency"]!, store)
            let payments = try checkedPayments(values["payments"], required: type == "installment")
            if type == "recurring" {
                let hasCycles = values["cycles_count"] != nil
                let infinite = values["infinite"]?.boolValue == true
                guard hasCycles != infinite else {
                    throw .badRequest("Set exactly one of 'cycles_count' and 'infinite'.")
                }
            }
            let now = Timestamp.v1(store.tick())
            var row: JSON = [
                "id": .int(store.nextID("subscriptions")), "type": .string(type), "user_id": .int(context.userID), "deal_id": .int(deal),
                "description": values["description"] ?? nil, "is_active": true, "currency": .string(currency),
                "cycles_count": values["cycles_count"] ?? nil, "cycle_amount": values["cycle_amount"] ?? nil,
                "infinite": values["infinite"] ?? false, "cadence_type": values["cadence_type"] ?? nil,
                "start_date": values["start_date"] ?? payments.first?["due_at"] ?? nil, "payments": .array(payments),
                "final_status": nil, "add_time": .string(now), "update_time": .string(now),
            ]
            summarize(&row)
            store.save("subscriptions", row)
            return Envelope.v1(row)
        }
        router.add("PUT", .v1, "/subscriptions/{type}/{id}") { context, store throws(APIError) in
            let type = context.pathParams["type"] ?? ""
            guard let schema = ["recurring": recurringUpdateSchema, "installment": installmentUpdateSchema][type] else {
                throw .notFound("Unknown subscription type '\(type)'")
            }
            var row = try store.existing("subscriptions", try context.intParam("id"), notFound)
            guard row["type"]?.stringValue == type else { throw .badRequest("Subscription \(row["id"]!) is not a \(type) subscription.") }
            let values = try schema.validate(try context.body())
            if values["payments"] != nil { row["payments"] = .array(try checkedPayments(values["payments"], required: true)) }
            for key in ["description", "cycle_amount"] { if let value = values[key] { row[key] = value } }
            row["update_time"] = .string(Timestamp.v1(store.tick()))
            summarize(&row)
            store.save("subscriptions", row)
            return Envelope.v1(row)
        }
    }

    static func checkedCurrency(_ value: JSON, _ store: Store) throws(APIError) -> String {
        let code = value.stringValue ?? ""
        guard store["currencies"].all.contains(where: { $0["code"]?.stringValue == code }) else {
            throw .badRequest("Parameter 'currency': \(code) is not a currency of the company.")
        }
        return code
    }

    /// Payments `[{amount, description, due_at}]` with a numeric amount and a `YYYY-MM-DD` due date.
    static func checkedPayments(_ value: JSON?, required: Bool) throws(APIError) -> [JSON] {
        let payments = value?.arrayValue ?? []
        if required && payments.isEmpty { throw .badRequest("Parameter 'payments' must list at least one payment.") }
        return try payments.map { payment throws(APIError) -> JSON in
            guard let amount = payment["amount"], amount.doubleValue != nil, let due = payment["due_at"]?.stringValue,
                Timestamp.parseDate(due) != nil
            else { throw .badRequest("Each payment must be {amount, description, due_at} with due_at as YYYY-MM-DD.") }
            return ["amount": amount, "description": payment["description"] ?? "", "due_at": .string(due)]
        }
    }

    /// `end_date` and `lifetime_value` follow from the cycles and payments.
    static func summarize(_ row: inout JSON) {
        let payments = row["payments"]?.arrayValue ?? []
        var total = payments.compactMap { $0["amount"]?.doubleValue }.reduce(0, +)
        var end = payments.compactMap { $0["due_at"]?.stringValue }.max()
        if row["type"] == "recurring", let cycles = row["cycles_count"]?.intValue, let amount = row["cycle_amount"]?.doubleValue,
            let start = row["start_date"]?.stringValue.flatMap(Timestamp.parseDate)
        {
            total += Double(cycles) * amount
            let days = ["weekly": 7, "monthly": 30, "quarterly": 91, "yearly": 365][row["cadence_type"]?.stringValue ?? ""] ?? 30
            end = max(end ?? "", Timestamp.date(start + (cycles - 1) * days * 86_400))
        } else if row["type"] == "recurring" {
            end = nil
        }
        row["end_date"] = end.map(JSON.string) ?? .null
        row["lifetime_value"] = row["infinite"] == true ? .null : (total.rounded() == total ? .int(Int(total)) : .double(total))
    }
}
