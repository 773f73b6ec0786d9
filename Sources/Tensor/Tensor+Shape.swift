extension Tensor {
    /// The same elements with another shape (a view sharing storage); one dimension may be -1.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape: cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "reshape: cannot reshape \(shape) to \(newShape)")
        return Tensor(shape: resolved, storage: storage, offset: offset).recorded(.reshape, [self])
    }

    /// Inserts a size-1 axis.
    public func unsqueezed(_ axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        precondition(a >= 0 && a <= rank, "unsqueeze: axis \(axis) out of range for shape \(shape)")
        var s = shape
        s.insert(1, at: a)
        return reshaped(s)
    }

    /// Removes a size-1 axis.
    public func squeezed(_ axis: Int) -> Tensor {
        let a = self.axis(axis)
        precondition(shape[a] == 1, "squeeze: axis \(axis) of shape \(shape) is not 1")
        var s = shape
        s.remove(at: a)
        return reshaped(s)
    }

    /// Reorders axes (a copy into contiguous storage), like `torch.permute`.
    public func permuted(_ dims: [Int]) -> Tensor {
        let dims = dims.map(axis)
        precondition(dims.sorted() == Array(0..<rank), "permute: \(dims) is not a permutation of the axes of \(shape)")
        let inStrides = contiguousStrides(shape)
        let outShape = dims.map { shape[$0] }
        let out = Tensor(uninitializedShape: outShape)
        stridedCopy(data, strides: dims.map { inStrides[$0] }, shape: outShape, into: out.data)
        return out.recorded(.permute(dims), [self])
    }

    /// Swaps two axes.
    public func transposed(_ a: Int = -2, _ b: Int = -1) -> Tensor {
        var dims = Array(0..<rank)
        dims.swapAt(axis(a), axis(b))
        return permuted(dims)
    }

    /// `length` entries starting at `start` along `axis`; a view when the axis is the first.
    public func slice(axis: Int, start: Int, length: Int) -> Tensor {
        let ax = self.axis(axis)
        precondition(
            start >= 0 && length >= 0 && start + length <= shape[ax],
            "slice: \(start)..<\(start + length) out of range for axis \(ax) of shape \(shape)"
        )
        var outShape = shape
        outShape[ax] = length
        let (outer, n, inner) = axisLayout(shape, ax)
        let out: Tensor
        if outer == 1 {
            out = Tensor(shape: outShape, storage: storage, offset: offset + start * inner)
        } else {
            out = Tensor(uninitializedShape: outShape)
            for i in 0..<outer {
                (out.data + i * length * inner).update(from: data + (i * n + start) * inner, count: length * inner)
            }
        }
        return out.recorded(.slice(axis: ax, start: start), [self])
    }

    /// Splits along `axis` into pieces of the given sizes (`torch.split`).
    public func split(_ sizes: [Int], axis: Int) -> [Tensor] {
        let ax = self.axis(axis)
        precondition(sizes.reduce(0, +) == shape[ax], "split: sizes \(sizes) do not add up to axis \(ax) of \(shape)")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: ax, start: start, length: size)
        }
    }

    /// Splits along `axis` into `chunks` equal pieces (`torch.chunk` for divisible sizes).
    public func chunked(_ chunks: Int, axis: Int) -> [Tensor] {
        let ax = self.axis(axis)
        precondition(shape[ax] % chunks == 0, "chunk: axis \(ax) of \(shape) is not divisible by \(chunks)")
        return split(Array(repeating: shape[ax] / chunks, count: chunks), axis: ax)
    }

    /// Joins tensors along an existing axis (`torch.cat`).
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat: no tensors")
        let first = tensors[0]
        let ax = first.axis(axis)
        for t in tensors {
            precondition(
                t.rank == first.rank
                    && zip(t.shape, first.shape).enumerated().allSatisfy {
                        $0.offset == ax || $0.element.0 == $0.element.1
                    },
                "concat: shapes \(first.shape) and \(t.shape) differ off axis \(ax)"
            )
        }
        var outShape = first.shape
        outShape[ax] = tensors.map { $0.shape[ax] }.reduce(0, +)
        let (outer, total, inner) = axisLayout(outShape, ax)
        let out = Tensor(uninitializedShape: outShape)
        var at = 0
        for t in tensors {
            let n = t.shape[ax]
            for i in 0..<outer {
                (out.data + (i * total + at) * inner).update(from: t.data + i * n * inner, count: n * inner)
            }
            at += n
        }
        return out.recorded(.concat(axis: ax), tensors)
    }

    /// Joins tensors along a new axis (`torch.stack`).
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        concat(tensors.map { $0.unsqueezed(axis) }, axis: axis)
    }

    /// Rows of `weight` (`[V, D]`) picked by `indices`, shaped `indexShape + [D]`; the gradient scatter-adds.
    public static func embedding(_ weight: Tensor, indices: [Int], shape indexShape: [Int]? = nil) -> Tensor {
        precondition(weight.rank == 2, "embedding: weight must be [vocab, dim], shape is \(weight.shape)")
        let (v, d) = (weight.shape[0], weight.shape[1])
        let idxShape = indexShape ?? [indices.count]
        precondition(
            idxShape.reduce(1, *) == indices.count,
            "embedding: \(indices.count) indices do not fill \(idxShape)"
        )
        let out = Tensor(uninitializedShape: idxShape + [d])
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < v, "embedding: index \(index) out of range for weight \(weight.shape)")
            (out.data + row * d).update(from: weight.data + index * d, count: d)
        }
        return out.recorded(.embedding(indices: indices.map { Int32($0) }), [weight])
    }

    /// `value` where `mask` (broadcast to this shape) is non-zero, else the element (`masked_fill`).
    public func maskedFill(_ mask: Tensor, value: Float) -> Tensor {
        let m = mask.shape == shape ? mask : expandCopy(mask, shape)
        precondition(m.shape == shape, "maskedFill: mask \(mask.shape) does not broadcast to \(shape)")
        let out = Tensor(uninitializedShape: shape)
        var flags = [Bool](repeating: false, count: count)
        for i in 0..<count {
            flags[i] = m.data[i] != 0
            out.data[i] = flags[i] ? value : data[i]
        }
        return out.recorded(.maskedFill(mask: flags), [self])
    }
}
