import JSONValue

extension DetailScreen {
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        if cursor.navigate(action, count: lines.count, height: shared.bodyHeight) { return Step() }
        switch action {
        case .open?, .right?:
            guard lines.indices.contains(cursor.index), let target = lines[cursor.index].target else { return Step() }
            switch target {
            case .field(let name):
                let items: [JSON]
                switch record[name] {
                case .array(let a)?: items = a
                case let v?: items = [v]
                case nil: items = []
                }
                let grid = GridScreen(id: shared.newScreenID(), title: name, resource: name, local: items, format: shared.format)
                return Step(.push(ComponentEntry(id: grid.id, screen: grid)))
            case .related(let resource, let action, let parameter):
                guard let info = shared.resource(resource), let act = info.actions.first(where: { $0.name == action }),
                      let id = record["id"]?.intValue else { return Step() }
                return shared.open(info, act, values: [parameter: String(id)])
            case .record(let resource, let id):
                guard let info = shared.resource(resource) else { return Step() }
                return DetailScreen.open(id: id, of: info, name: lines[cursor.index].value, &shared)
            }
        case .copy?:
            guard lines.indices.contains(cursor.index) else { return Step() }
            let line = lines[cursor.index]
            shared.setNotice("copied \(line.label)")
            return Step(effects: [.copy(line.value)])
        case .left?: return Step(.pop)
        case .edit? where deleted, .openLink? where deleted:
            shared.setError(deletedNote)
            return Step()
        case .edit?: return shared.openEditForm(record, resource: resource)
        case .openLink?: return Step(effects: openLink(&shared))
        case .hideEmpty?:
            shared.hidesEmptyFields.toggle()
            shared.setNotice(shared.hidesEmptyFields ? "empty fields hidden (\(shared.keyMap.label(.hideEmpty)) shows them)" : "empty fields shown")
            return Step()
        default: return nil
        }
    }
}
