import Foundation

/// Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON
/// header mapping names to dtype, shape and byte offsets, then the raw little-endian data.
///
/// The reader treats files as untrusted: every length and offset is checked before use and errors name
/// the tensor. F32 is read as is; F16, BF16 and F64 are converted to Float.
public enum Safetensors {
    /// Upper bound on the JSON header, as the reference implementation (100 MB).
    static let maxHeaderLength: UInt64 = 100_000_000

    /// Serialises `tensors` (sorted by name, F32) with optional string metadata.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> Data {
        let names = tensors.keys.sorted()
        var header: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            header.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let t = tensors[name]!
            let bytes = t.count * 4
            header.append(
                "\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
                    + "\"data_offsets\":[\(offset),\(offset + bytes)]}"
            )
            offset += bytes
        }
        var json = Array("{\(header.joined(separator: ","))}".utf8)
        while json.count % 8 != 0 { json.append(0x20) }  // pad so the data is 8-byte aligned, as Python does
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: json)
        for name in names {
            let t = tensors[name]!
            data.append(UnsafeBufferPointer(start: t.data, count: t.count))
        }
        return data
    }

    /// Writes `tensors` to `url`.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        do {
            try encode(tensors, metadata: metadata).write(to: url, options: .atomic)
        } catch {
            throw TensorError(.io("cannot write \(url.path): \(error)"))
        }
    }

    /// Reads every tensor in the file at `url`.
    public static func read(contentsOf url: URL) throws -> [String: Tensor] {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw TensorError(.io("cannot read \(url.path): \(error)"))
        }
        return try decode(data).tensors
    }

    /// Parses a safetensors image.
    public static func decode(_ data: Data) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        guard data.count >= 8 else { throw TensorError(.truncated(expected: 8, actual: data.count)) }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard headerLength <= maxHeaderLength, headerLength <= UInt64(data.count - 8) else {
            throw TensorError(.badHeaderLength(headerLength, fileSize: data.count))
        }
        let headerEnd = 8 + Int(headerLength)
        let header = data.subdata(in: data.startIndex + 8..<data.startIndex + headerEnd)
        guard let object = try? JSONSerialization.jsonObject(with: header), let entries = object as? [String: Any]
        else {
            throw TensorError(.badHeader("not a JSON object"))
        }
        let bufferSize = data.count - headerEnd
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else {
                    throw TensorError(.badHeader("__metadata__ must map strings to strings"))
                }
                metadata = m
                continue
            }
            guard let entry = value as? [String: Any] else {
                throw TensorError(.badEntry(name: name, reason: "entry is not an object"))
            }
            guard let dtype = entry["dtype"] as? String else {
                throw TensorError(.badEntry(name: name, reason: "no dtype"))
            }
            guard let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                shape.count == (entry["shape"] as? [Any])?.count, shape.allSatisfy({ $0 >= 0 })
            else {
                throw TensorError(.badEntry(name: name, reason: "shape must be a list of non-negative integers"))
            }
            guard let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1]
            else {
                throw TensorError(.badEntry(name: name, reason: "data_offsets must be [begin, end]"))
            }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F16", "BF16": width = 2
            case "F64": width = 8
            default:
                throw TensorError(
                    .badEntry(name: name, reason: "dtype \(dtype) is not supported (F32, F16, BF16, F64)")
                )
            }
            var elements = 1
            for d in shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: d)
                guard !overflow else { throw TensorError(.badEntry(name: name, reason: "shape \(shape) overflows")) }
                elements = product
            }
            guard offsets[1] - offsets[0] == elements * width else {
                throw TensorError(
                    .badEntry(
                        name: name,
                        reason:
                            "shape \(shape) of \(dtype) needs \(elements * width) bytes, offsets give \(offsets[1] - offsets[0])"
                    )
                )
            }
            guard offsets[1] <= bufferSize else {
                throw TensorError(
                    .badEntry(
                        name: name,
                        reason:
                            "data \(offsets[0])..<\(offsets[1]) runs past the end of the file (\(bufferSize) data bytes): truncated"
                    )
                )
            }
            let t = Tensor(uninitializedShape: shape)
            let start = data.startIndex + headerEnd + offsets[0]
            data[start..<start + elements * width].withUnsafeBytes { raw in
                convert(raw, dtype: dtype, count: elements, into: t.data)
            }
            tensors[name] = t
        }
        return (tensors, metadata)
    }

    private static func convert(
        _ raw: UnsafeRawBufferPointer,
        dtype: String,
        count: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<count {
            switch dtype {
            case "F32":
                out[i] = Float(
                    bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                )
            case "F64":
                out[i] = Float(
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                )
            case "BF16":
                out[i] = Float(
                    bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                        << 16
                )
            default:
                out[i] = Float(
                    halfBits: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                )
            }
        }
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension Float {
    /// IEEE half-precision bits to Float (portable; Float16 is unavailable on some x86 toolchains).
    init(halfBits h: UInt16) {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            let value = Float(mantissa) * 0x1p-24
            self = sign != 0 ? -value : value
        } else if exponent == 31 {
            self = Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        } else {
            self = Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }
}
