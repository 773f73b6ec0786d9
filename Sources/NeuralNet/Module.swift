import Foundation
import Tensor

/// A layer or model: owns parameters and child modules, addressed by dotted names as in PyTorch's
/// `state_dict` (`encoder.layers.0.self_attn.in_proj_weight`).
public protocol Module: AnyObject {
    /// This module's own parameters (children's excluded), by local name.
    var localParameters: [(name: String, tensor: Tensor)] { get }
    /// Direct submodules, by local name.
    var children: [(name: String, module: any Module)] { get }
    /// Training mode (dropout active) or evaluation mode.
    var isTraining: Bool { get set }
}

extension Module {
    public var localParameters: [(name: String, tensor: Tensor)] { [] }
    public var children: [(name: String, module: any Module)] { [] }

    /// Every parameter with its dotted path, depth first in declaration order.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var out = localParameters
        for (name, child) in children {
            out += child.namedParameters().map { ("\(name).\($0.name)", $0.tensor) }
        }
        return out
    }

    /// Every parameter (frozen ones included; optimizers skip those without gradients).
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// Sets training mode here and in every child.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in children { child.train(on) }
    }

    /// Evaluation mode: dropout becomes the identity.
    public func eval() { train(false) }

    /// Turns gradient tracking of every parameter on or off (`model.requires_grad_(False)` for inference:
    /// operations on tensors that need no gradient record nothing).
    public func requiresGrad(_ on: Bool) {
        for p in parameters() { p.requiresGrad = on }
    }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for p in parameters() { p.grad = nil }
    }

    /// Parameters by dotted name (shared storage, not copies).
    public func stateDict() -> [String: Tensor] {
        Dictionary(namedParameters().map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
    }

    /// Copies values from `state` into the parameters; throws naming the first missing or mis-shaped tensor.
    /// With `strict`, names in `state` that the model does not have are an error too.
    public func loadStateDict(_ state: [String: Tensor], strict: Bool = true) throws {
        let named = namedParameters()
        for (name, p) in named {
            guard let value = state[name] else { throw TensorError.missing(name) }
            guard value.shape == p.shape else {
                throw TensorError.shapeMismatch(name, expected: p.shape, actual: value.shape)
            }
        }
        if strict, let extra = Set(state.keys).subtracting(named.map(\.name)).sorted().first {
            throw TensorError.unexpected(extra)
        }
        for (name, p) in named { p.data.update(from: state[name]!.data, count: p.count) }
    }

    /// Writes the parameters as a safetensors file that PyTorch's `load_state_dict` can read.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try Safetensors.write(stateDict(), metadata: metadata, to: url)
    }

    /// Reads parameters written by `save` or by Python's `safetensors.torch.save_file`.
    public func load(from url: URL, strict: Bool = true) throws {
        try loadStateDict(Safetensors.read(contentsOf: url), strict: strict)
    }
}
