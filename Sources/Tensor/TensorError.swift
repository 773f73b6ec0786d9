/// Errors from loading and saving tensors (math itself never throws; it traps with both shapes).
public struct TensorError: Error, CustomStringConvertible, Equatable {
    enum Kind: Equatable {
        case truncated(expected: Int, actual: Int)
        case badHeaderLength(UInt64, fileSize: Int)
        case badHeader(String)
        case badEntry(name: String, reason: String)
        case missing(name: String)
        case unexpected(name: String)
        case shapeMismatch(name: String, expected: [Int], actual: [Int])
        case io(String)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .truncated(let expected, let actual):
            return "safetensors file is truncated: needs \(expected) bytes, has \(actual)"
        case .badHeaderLength(let length, let size):
            return "safetensors header length \(length) is impossible for a file of \(size) bytes"
        case .badHeader(let reason):
            return "safetensors header is invalid: \(reason)"
        case .badEntry(let name, let reason):
            return "safetensors tensor '\(name)': \(reason)"
        case .missing(let name):
            return "tensor '\(name)' is missing from the file"
        case .unexpected(let name):
            return "tensor '\(name)' in the file is not a parameter of the model"
        case .shapeMismatch(let name, let expected, let actual):
            return "tensor '\(name)' has shape \(actual) in the file, the model expects \(expected)"
        case .io(let reason):
            return reason
        }
    }

    /// Thrown by model loaders when a named tensor is absent.
    public static func missing(_ name: String) -> TensorError { TensorError(.missing(name: name)) }
    /// Thrown by strict model loaders when the file has a tensor the model lacks.
    public static func unexpected(_ name: String) -> TensorError { TensorError(.unexpected(name: name)) }
    /// Thrown by model loaders when a named tensor has the wrong shape.
    public static func shapeMismatch(_ name: String, expected: [Int], actual: [Int]) -> TensorError {
        TensorError(.shapeMismatch(name: name, expected: expected, actual: actual))
    }
}
