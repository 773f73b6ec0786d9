/// Heap storage for tensor elements, shared by views (reshape, leading-axis slices).
public final class TensorStorage {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// A dense, contiguous, row-major tensor of `Float` with reverse-mode autograd.
///
/// Tensors reference the node that produced them, and nodes reference their inputs, so `backward()`
/// needs no global tape. Tensors are deliberately not `Sendable`: a training run owns its model.
public final class Tensor {
    /// The extent of each axis; `[]` for a scalar.
    public let shape: [Int]
    public let storage: TensorStorage
    /// Element offset into `storage` (non-zero for cheap leading-axis views).
    public let offset: Int
    /// Whether gradients flow to this tensor. Set on leaves (parameters); propagated by ops.
    public var requiresGrad: Bool
    /// The accumulated gradient after `backward()`, same shape as the tensor.
    public var grad: Tensor?
    /// The operation that produced this tensor, if it is part of a graph.
    var node: Node?

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// Pointer to the first element (contiguous, row-major).
    public var data: UnsafeMutablePointer<Float> { storage.pointer + offset }

    init(shape: [Int], storage: TensorStorage, offset: Int = 0, requiresGrad: Bool = false) {
        self.shape = shape
        self.storage = storage
        self.offset = offset
        self.requiresGrad = requiresGrad
    }

    /// An uninitialised tensor; internal because callers must write every element.
    init(uninitializedShape shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        storage = TensorStorage(count: shape.reduce(1, *))
        offset = 0
        requiresGrad = false
    }

    /// A tensor filled with `value`.
    public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
        self.init(uninitializedShape: shape)
        data.update(repeating: value, count: count)
        self.requiresGrad = requiresGrad
    }

    /// A tensor holding `values` in row-major order.
    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        self.init(uninitializedShape: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
        self.requiresGrad = requiresGrad
    }

    /// A scalar tensor.
    public convenience init(scalar: Float, requiresGrad: Bool = false) {
        self.init([scalar], shape: [], requiresGrad: requiresGrad)
    }

    /// All zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 0, shape: shape, requiresGrad: requiresGrad)
    }

    /// All ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 1, shape: shape, requiresGrad: requiresGrad)
    }

    /// The elements in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
        return data[0]
    }

    /// A copy with its own storage, outside any graph.
    public func copy() -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        out.data.update(from: data, count: count)
        return out
    }

    /// The same values, cut from the graph (shares storage, like PyTorch's `detach`).
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage, offset: offset) }

    /// Normalises a possibly negative axis.
    func axis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < Swift.max(rank, 1), "axis \(axis) out of range for shape \(shape)")
        return a
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}
