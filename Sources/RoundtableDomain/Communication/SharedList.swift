/// A list that grows at its head and shares the rest with every copy: adding an element allocates one node and copies
/// nothing, where a copy-on-write array or a hash tree shared with the state before a commit would copy its storage or
/// a path of nodes. Iterates newest first.
public struct SharedList<Element: Hashable & Sendable>: Sequence, Hashable, Sendable {
    /// A node: its element and the rest of the list. `next` is changed only by `deinit`, when nothing else holds the
    /// node, to free a long list without one nested call per node.
    fileprivate final class Node: @unchecked Sendable {
        let element: Element
        var next: Node?

        init(_ element: Element, next: Node?) {
            self.element = element
            self.next = next
        }

        deinit {
            var current = next
            next = nil
            while current != nil && isKnownUniquelyReferenced(&current) {
                let following = current?.next
                current?.next = nil
                current = following
            }
        }
    }

    private var head: Node?
    /// How many elements the list holds.
    public private(set) var count = 0

    /// Creates an empty list.
    public init() {}

    /// Adds an element at the head.
    /// - Parameter element: The element.
    public mutating func prepend(_ element: Element) {
        head = Node(element, next: head)
        count += 1
    }

    /// Iterates the elements, newest first.
    public struct Iterator: IteratorProtocol {
        fileprivate var node: Node?

        public mutating func next() -> Element? {
            guard let current = node else { return nil }
            node = current.next
            return current.element
        }
    }

    public func makeIterator() -> Iterator { Iterator(node: head) }

    public var underestimatedCount: Int { count }

    public static func == (lhs: SharedList, rhs: SharedList) -> Bool {
        lhs.head === rhs.head || (lhs.count == rhs.count && lhs.elementsEqual(rhs))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

extension SharedList: Codable where Element: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        for element in try [Element](from: decoder).reversed() { prepend(element) }
    }

    public func encode(to encoder: any Encoder) throws { try Array(self).encode(to: encoder) }
}
