// Stored row (table `dealProducts`): a product attached to a deal.
//   id: Int, name: String (the product's), deal_id: Int, product_id: Int, item_price: Number,
//   quantity: Number, discount: Number, discount_type: "percentage"|"amount", tax: Number,
//   tax_method: "exclusive"|"inclusive"|"none", currency: String, comments: String?,
//   enabled_flag: Bool, billing_frequency: String, billing_frequency_cycles: Int?,
//   add_time, update_time: "YYYY-MM-DD HH:MM:SS".
import JSONValue

enum DealProducts {
    /// The sum Pipedrive shows: price × quantity less the discount, plus tax when it is exclusive.
    static func sum(_ row: JSON) -> Double {
        let gross = (row["item_price"]?.doubleValue ?? 0) * (row["quantity"]?.doubleValue ?? 1)
        let discount = row["discount"]?.doubleValue ?? 0
        let net = row["discount_type"] == "amount" ? gross - discount : gross * (1 - discount / 100)
        let tax = row["tax_method"] == "exclusive" ? net * (row["tax"]?.doubleValue ?? 0) / 100 : 0
        return ((net + tax) * 100).rounded() / 100
    }

    static func v1Object(_ row: JSON, _ context: inout RenderContext) -> JSON {
        var out = row.objectValue ?? [:]
        let currency = row["currency"]?.stringValue ?? "EUR"
        let total = sum(row)
        out["sum"] = FieldInput.number(total)
        out["sum_formatted"] = .string(Money.format(total, currency))
        out["quantity_formatted"] = .string(String(describing: row["quantity"] ?? 1))
        out["last_edit"] = row["update_time"] ?? .null
        out["active_flag"] = true
        out["order_nr"] = out["id"]
        out["product_variation_id"] = .null
        out["billing_start_date"] = .null
        out["product"] = row["product_id"]?.intValue.flatMap { context.store["products"][$0] }
            .map { Products.renderV1($0, &context) } ?? .null
        return .object(out)
    }

    /// v1 `/deals/{id}/products`.
    static func list(deal: JSON, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        let rows = store["dealProducts"].all.filter { $0["deal_id"] == deal["id"] }
        var render = Products.spec.renderContext(store)
        let (page, pagination) = try ListPaging.offset(rows, query: context.query)
        let data = page.map { v1Object($0, &render) }
        let quantity = rows.reduce(0.0) { $0 + ($1["quantity"]?.doubleValue ?? 0) }
        let total = rows.reduce(0.0) { $0 + sum($1) }
        let currency = deal["currency"]?.stringValue ?? "EUR"
        return Envelope.v1(
            .array(data),
            additionalData: [
                "products_quantity_total": FieldInput.number(quantity), "products_sum_total": FieldInput.number(total),
                "products_quantity_total_formatted": .string(String(describing: FieldInput.number(quantity))),
                "products_sum_total_formatted": .string(Money.format(total, currency)), "pagination": pagination,
            ],
            relatedObjects: render.related.json(store))
    }

    /// v2 `/deals/{id}/products`: the attachments in the 2026-08-18 spec's shape, cursor-paged.
    static func listV2(deal: JSON, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        let rows = store["dealProducts"].all.filter { $0["deal_id"] == deal["id"] }
        let (page, next) = try ListPaging.cursor(rows, id: { $0["id"]?.intValue ?? 0 }, query: context.query)
        return Envelope.v2(.array(page.map(v2Object)), additionalData: ["next_cursor": next.map(JSON.string) ?? .null])
    }

    static func v2Object(_ row: JSON) -> JSON {
        var out = row.objectValue ?? [:]
        out["is_enabled"] = row["enabled_flag"] ?? true
        out["enabled_flag"] = nil
        out["sum"] = FieldInput.number(sum(row))
        out["product_variation_id"] = .null
        out["order_nr"] = row["id"] ?? .null
        out["comments"] = row["comments"].flatMap { $0 == .null ? nil : $0 } ?? ""
        for key in ["add_time", "update_time"] {
            out[key] = (row[key]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null
        }
        return .object(out)
    }

    /// v1 `/persons/{id}/products`: `[{"<attachment id>": {deal, product}}]` over the person's deals.
    static func listForPerson(_ person: JSON, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        let dealIDs = Set(store["deals"].all.filter { $0["person_id"] == person["id"] }.compactMap { $0["id"]?.intValue })
        let rows = store["dealProducts"].all.filter { dealIDs.contains($0["deal_id"]?.intValue ?? -1) }
        let (page, pagination) = try ListPaging.offset(rows, query: context.query)
        var deals = Deals.spec.renderContext(store)
        var products = Products.spec.renderContext(store)
        let data: [JSON] = page.map { row in
            var product = row["product_id"]?.intValue.flatMap { store["products"][$0] }.map { Products.renderV1($0, &products) } ?? .null
            product["deal_id"] = row["deal_id"]
            let deal = row["deal_id"]?.intValue.flatMap { store["deals"][$0] }.map { Deals.renderV1($0, &deals) } ?? .null
            return [String(row["id"]?.intValue ?? 0): ["deal": deal, "product": product]]
        }
        return Envelope.v1(.array(data), additionalData: ["pagination": pagination])
    }
}
