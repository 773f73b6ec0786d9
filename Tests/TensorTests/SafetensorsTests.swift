import Foundation
import Testing

@testable import Tensor

@Suite struct SafetensorsTests {
    func sample() -> [String: Tensor] {
        [
            "b.weight": Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), "a": Tensor(scalar: -1.5),
            "z.empty": Tensor.zeros([0, 4]),
        ]
    }

    @Test func roundTripsShapesValuesAndMetadata() throws {
        let data = Safetensors.encode(sample(), metadata: ["format": "pt"])
        #expect((data.count - 8) % 4 == 0)
        let (tensors, metadata) = try Safetensors.decode(data)
        #expect(metadata == ["format": "pt"])
        #expect(Set(tensors.keys) == ["b.weight", "a", "z.empty"])
        #expect(tensors["b.weight"]!.shape == [2, 3])
        #expect(tensors["b.weight"]!.scalars == [1, 2, 3, 4, 5, 6])
        #expect(tensors["a"]!.shape == [] && tensors["a"]!.item == -1.5)
        #expect(tensors["z.empty"]!.shape == [0, 4])
    }

    @Test func everyTruncationIsAnErrorNotACrash() {
        let data = Safetensors.encode(sample())
        for length in 0..<data.count {
            #expect(throws: TensorError.self, "prefix of \(length) bytes") {
                try Safetensors.decode(data.prefix(length))
            }
        }
    }

    @Test func impossibleHeaderLengthIsRejected() {
        var data = Safetensors.encode(sample())
        data[7] = 0x7F
        #expect(throws: TensorError.self) { try Safetensors.decode(data) }
        do {
            _ = try Safetensors.decode(data)
        } catch {
            #expect("\(error)".contains("header length"))
        }
    }

    func header(_ json: String, dataBytes: Int) -> Data {
        var bytes = Array(json.utf8)
        var data = Data()
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: bytes)
        bytes = [UInt8](repeating: 0, count: dataBytes)
        data.append(contentsOf: bytes)
        return data
    }

    @Test func mismatchedShapeNamesTheTensor() {
        let data = header(#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#, dataBytes: 20)
        #expect {
            try Safetensors.decode(data)
        } throws: { error in
            "\(error)".contains("'w'") && "\(error)".contains("[2, 3]")
        }
    }

    @Test func unsupportedDtypeNamesTheTensor() {
        let data = header(#"{"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}"#, dataBytes: 16)
        #expect {
            try Safetensors.decode(data)
        } throws: { error in
            "\(error)".contains("'ids'") && "\(error)".contains("I64")
        }
    }

    @Test func halfAndBFloat16AreWidened() throws {
        // 1.0 in F16 is 0x3C00, -2.0 in BF16 is 0xC000.
        var data = header(
            #"{"h":{"dtype":"F16","shape":[1],"data_offsets":[0,2]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[2,4]}}"#,
            dataBytes: 0
        )
        data.append(contentsOf: [0x00, 0x3C, 0x00, 0xC0])
        let tensors = try Safetensors.decode(data).tensors
        #expect(tensors["h"]!.item == 1)
        #expect(tensors["b"]!.item == -2)
    }

    /// Committed fixture written by Python's safetensors (always runs).
    @Test func readsFilesWrittenByPython() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/ops", withExtension: "safetensors"))
        let tensors = try Safetensors.read(contentsOf: url)
        #expect(tensors["matmul.in0"]?.shape == [3, 5])
        #expect(tensors.count > 100)
    }

    /// Python's safetensors must read what we write. Runs when `python3` can import safetensors
    /// (set ATELIER_PYTHON to choose the interpreter); otherwise it says why it did not run.
    @Test func pythonReadsWhatWeWrite() throws {
        let python = ProcessInfo.processInfo.environment["ATELIER_PYTHON"] ?? "python3"
        guard run(python, ["-c", "import safetensors.numpy"]) == 0 else {
            print(
                "SKIPPED pythonReadsWhatWeWrite: \(python) cannot import safetensors.numpy (set ATELIER_PYTHON to a venv's python)"
            )
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.safetensors")
        try Safetensors.write(sample(), metadata: ["format": "pt"], to: file)
        let script = """
            import sys
            from safetensors import safe_open
            with safe_open(sys.argv[1], framework="numpy") as f:
                assert f.metadata() == {"format": "pt"}, f.metadata()
                w = f.get_tensor("b.weight")
                assert w.shape == (2, 3) and w.dtype.name == "float32" and w.tolist() == [[1, 2, 3], [4, 5, 6]], w
                assert f.get_tensor("a").shape == () and float(f.get_tensor("a")) == -1.5
                assert f.get_tensor("z.empty").shape == (0, 4)
            """
        #expect(run(python, ["-c", script, file.path]) == 0)
    }

    private func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
