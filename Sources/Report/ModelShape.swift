/// The lengths of the lists in a report model, by the name a template uses for
/// them, as Mustache sees them (through `Mirror`): for `PartialGraph.work`,
/// which bounds what a template can make of them before anything is rendered.
/// `{{#regions}}{{#regions}}…{{/regions}}{{/regions}}` nested twenty deep
/// over 300 regions would never finish; the bound sees 300^20.
enum ModelShape {
    /// The longest list under each property name anywhere in `model`.
    static func listLengths(_ model: Any) -> [String: Int] {
        var lengths: [String: Int] = [:]
        var pending: [(value: Any, depth: Int)] = [(model, 0)]
        while let (value, depth) = pending.popLast() {
            guard depth < 32 else { continue }
            for child in Mirror(reflecting: value).children {
                guard let label = child.label, let (inner, mirror) = unwrapped(child.value) else { continue }
                switch mirror.displayStyle {
                case .collection?:
                    let elements = mirror.children.map(\.value)
                    lengths[label] = max(lengths[label] ?? 0, elements.count)
                    // Elements with lists of their own (blocks → items → spans) are walked; flat rows are not.
                    if let first = elements.first, holdsList(first, depth: 0) {
                        pending += elements.map { ($0, depth + 1) }
                    }
                case .struct?, .class?:
                    pending.append((inner, depth + 1))
                default:
                    break
                }
            }
        }
        return lengths
    }

    /// The value inside any optionals, and its mirror; nil for nil.
    static func unwrapped(_ value: Any) -> (Any, Mirror)? {
        var v = value
        var mirror = Mirror(reflecting: v)
        while mirror.displayStyle == .optional {
            guard let some = mirror.children.first else { return nil }
            v = some.value
            mirror = Mirror(reflecting: v)
        }
        return (v, mirror)
    }

    static func holdsList(_ value: Any, depth: Int) -> Bool {
        guard depth < 4 else { return false }
        for child in Mirror(reflecting: value).children {
            guard let (inner, mirror) = unwrapped(child.value) else { continue }
            if mirror.displayStyle == .collection { return true }
            if mirror.displayStyle == .struct || mirror.displayStyle == .class, holdsList(inner, depth: depth + 1) {
                return true
            }
        }
        return false
    }
}
