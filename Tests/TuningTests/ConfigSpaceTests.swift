import Foundation
import Testing

@testable import Tuning

let issueSpec = """
    name: glue-asha
    command: [python3, train.py]               # any program; hyperparameters appended as --name value
    config_space:
      learning_rate: {loguniform: [1.0e-6, 1.0e-4]}
      per_device_train_batch_size: {randint: [16, 48]}
      warmup_ratio: {uniform: [0.0, 0.5]}
      model_name_or_path: {choice: [bert-base-cased, distilbert-base-uncased, roberta-base]}
      st_instance_type: {choice: [small, large]}
      epochs: 10                               # constants pass through
    scheduler: {type: asha, metric: val_error, mode: min, time_attr: epoch, max_t: 10, grace_period: 1, reduction_factor: 3}
    # MO-ASHA: {type: moasha, metrics: [val_error, st_worker_cost], modes: [min, min], time_attr: epoch, max_t: 10}
    instance_types:
      small: {threads: 1, price_per_hour: 0.5}
      large: {threads: 2, price_per_hour: 2.0}
    n_workers: 2
    stop: {max_wallclock_time: 600, max_num_trials_started: 50}
    seed: 0
    """

@Suite("Config space and spec")
struct ConfigSpaceTests {
    @Test func parsesTheSpecFromTheIssue() throws {
        let spec = try TuningSpec.parse(issueSpec)
        #expect(spec.name == "glue-asha")
        #expect(spec.command == ["python3", "train.py"])
        #expect(
            spec.configSpace.names == [
                "learning_rate", "per_device_train_batch_size", "warmup_ratio", "model_name_or_path",
                "st_instance_type",
                "epochs",
            ]
        )
        #expect(spec.configSpace["learning_rate"] == .loguniform(1e-6, 1e-4))
        #expect(spec.configSpace["per_device_train_batch_size"] == .randint(16, 48))
        #expect(spec.configSpace["epochs"] == .constant(.int(10)))
        #expect(spec.scheduler.type == "asha" && spec.scheduler.maxT == 10 && spec.scheduler.reductionFactor == 3)
        #expect(spec.instanceTypes["large"] == InstanceType(name: "large", threads: 2, pricePerHour: 2))
        #expect(spec.nWorkers == 2)
        #expect(spec.stop.maxWallclockTime == 600 && spec.stop.maxNumTrialsStarted == 50)
        #expect(spec.configSpace.tunableNames.count == 5)
    }

    @Test func parsesMOASHAAndJSON() throws {
        let json = """
            {"name": "mo", "command": ["./train"], "config_space": {"x": {"uniform": [0, 1]}},
             "scheduler": {"type": "moasha", "metrics": ["val_error", "st_worker_cost"], "modes": ["min", "min"], "max_t": 10}}
            """
        let spec = try TuningSpec.parse(json)
        #expect(spec.scheduler.objectives.map(\.metric) == ["val_error", "st_worker_cost"])
        #expect(try spec.makeScheduler().objectives.count == 2)
    }

    @Test func samplesStayInTheirDomainsAndIntegersAreInclusive() {
        let space = ConfigSpace([
            ("u", .uniform(-1, 1)), ("lu", .loguniform(1e-4, 1e-1)), ("ri", .randint(1, 3)),
            ("lri", .lograndint(1, 100)),
            ("c", .choice([.string("a"), .string("b")])), ("f", .finrange(0, 1, 5)), ("lf", .logfinrange(1, 100, 3)),
            ("k", .constant(.int(7))),
        ])
        var rng = SeededGenerator(seed: 42)
        var ints = Set<Int>()
        var logInts = Set<Int>()
        for _ in 0..<2000 {
            let config = space.sample(using: &rng)
            #expect((-1.0..<1.0).contains(config["u"]!.number!))
            #expect((1e-4...1e-1).contains(config["lu"]!.number!))
            ints.insert(Int(config["ri"]!.number!))
            logInts.insert(Int(config["lri"]!.number!))
            #expect([0, 0.25, 0.5, 0.75, 1].contains(config["f"]!.number!))
            #expect([1, 10, 100].contains { abs($0 - config["lf"]!.number!) < 1e-9 })
            #expect(config["k"] == .int(7))
        }
        #expect(ints == [1, 2, 3])
        #expect(logInts.min()! >= 1 && logInts.max()! <= 100 && logInts.contains(1) && logInts.contains(100))
        // Log-uniform: about half the mass below 10.
        #expect(logInts.filter { $0 < 10 }.count > 5)
    }

    @Test func seededSamplingIsReproducible() {
        let space = try! TuningSpec.parse(issueSpec).configSpace
        var a = RandomSearcher(space: space, seed: 7), b = RandomSearcher(space: space, seed: 7)
        var c = RandomSearcher(space: space, seed: 8)
        let first = (0..<5).map { _ in a.next()! }
        #expect(first == (0..<5).map { _ in b.next()! })
        let other = (0..<5).map { _ in c.next()! }
        #expect(first[0] == other[0])  // both start with the midpoint
        #expect(first[1...] != other[1...])
        #expect(first[0]["per_device_train_batch_size"] == .int(32))
    }

    @Test func gridEnumeratesTheCartesianProduct() {
        let space = ConfigSpace([
            ("a", .choice([.string("x"), .string("y")])), ("b", .randint(1, 3)), ("c", .constant(.int(0))),
        ])
        var grid = GridSearcher(space: space)
        #expect(grid.count == 6)
        var configs: [Configuration] = []
        while let config = grid.next() { configs.append(config) }
        #expect(configs.count == 6 && Set(configs).count == 6)
        #expect(configs[0] == ["a": .string("x"), "b": .int(1), "c": .int(0)])
        #expect(configs[1] == ["a": .string("x"), "b": .int(2), "c": .int(0)])
    }

    @Test func argumentsFollowTheSpaceOrder() {
        let space = ConfigSpace([("lr", .uniform(0, 1)), ("epochs", .constant(.int(3)))])
        #expect(space.arguments(for: ["epochs": .int(3), "lr": .double(0.5)]) == ["--lr", "0.5", "--epochs", "3"])
    }

    @Test(arguments: [
        ("config_space: {x: {gaussian: [0, 1]}}", "config_space.x.gaussian"),
        ("config_space: {x: {randint: [1.5, 3]}}", "config_space.x.randint[0]"),
        ("config_space: {x: {loguniform: [0, 1]}}", "config_space.x"),
        ("config_space: {x: {uniform: [0]}}", "config_space.x.uniform"),
        ("config_space: {x: 1}\nbogus: 1", "bogus"),
        ("config_space: {x: 1}\nscheduler: {type: asha, metric: m}", "scheduler.max_t"),
        ("config_space: {x: 1}\nscheduler: {type: fifo, metric: m, mode: up}", "scheduler.mode"),
        (
            "config_space: {st_instance_type: {choice: [a, b]}}\ninstance_types: {a: {price_per_hour: 1}}",
            "config_space.st_instance_type"
        ),
    ])
    func errorsNameTheOffendingKey(body: String, key: String) {
        var text = "name: t\ncommand: [x]\n" + body
        if !body.contains("scheduler") { text += "\nscheduler: {type: fifo, metric: m}" }
        do {
            _ = try TuningSpec.parse(text)
            Issue.record("expected an error naming \(key)")
        } catch {
            #expect("\(error)".hasPrefix(key), "\(error)")
        }
    }
}

@Suite("Config space YAML round trip")
struct ConfigSpaceYAMLTests {
    @Test func yamlRepresentationParsesBackToTheSameSpace() throws {
        let space = ConfigSpace([
            ("lr", .loguniform(1e-6, 1e-4)), ("u", .uniform(0, 0.5)), ("b", .randint(16, 48)),
            ("l", .lograndint(1, 64)),
            ("m", .choice([.string("bert-base-cased"), .string("true"), .string("1.5")])),
            ("o", .ordinal([.int(1), .int(2), .int(4)])), ("f", .finrange(0, 1, 5)), ("lf", .logfinrange(1e-3, 1, 4)),
            ("epochs", .constant(.int(10))), ("tag", .constant(.string("say \"hi\""))),
        ])
        let text =
            "name: t\ncommand: [x]\nscheduler: {type: fifo, metric: m}\nconfig_space:\n" + space.yamlRepresentation
        #expect(try TuningSpec.parse(text).configSpace == space)
    }
}

@Suite("Median stopping rule")
struct MedianStoppingTests {
    /// Stops a trial whose best so far is worse than the median of the other trials' running
    /// averages up to the same resource, once 3 other trials reached it.
    @Test func stepByStep() {
        var s = MedianStoppingRule(
            searcher: CountingSearcher(),
            metric: "loss",
            mode: .min,
            timeAttribute: "epoch",
            gracePeriod: 2
        )
        // Trials 0-2: losses (1.0, 0.6), (0.8, 0.4), (0.9, 0.5) → running averages at epoch 2:
        // 0.8, 0.6, 0.7 → median 0.7. At epoch 1 nothing is decided (grace period 2).
        for (id, curve) in [[1.0, 0.6], [0.8, 0.4], [0.9, 0.5]].enumerated() {
            for (epoch, loss) in curve.enumerated() {
                #expect(s.onTrialResult(trialID: id, result: result(epoch + 1, loss)) == .continue)
            }
        }
        #expect(s.onTrialResult(trialID: 3, result: result(1, 2.0)) == .continue)  // grace period
        #expect(s.onTrialResult(trialID: 3, result: result(2, 0.69)) == .continue)  // best 0.69 < 0.7
        #expect(s.onTrialResult(trialID: 4, result: result(1, 0.9)) == .continue)
        // Others at epoch 2: trials 0-3 with averages 0.8, 0.6, 0.7, 1.345 → median 0.75.
        #expect(s.onTrialResult(trialID: 4, result: result(2, 0.76)) == .stop)  // best 0.76 > 0.75
        // Only two other trials have reached epoch 3: too few samples to decide.
        #expect(s.onTrialResult(trialID: 0, result: result(3, 0.9)) == .continue)
        #expect(s.onTrialResult(trialID: 1, result: result(3, 0.9)) == .continue)
        #expect(s.onTrialResult(trialID: 2, result: result(3, 5.0)) == .continue)
    }
}

@Suite("Scheduler spec")
struct SchedulerSpecTests {
    func scheduler(_ body: String) throws -> SchedulerSpec {
        try TuningSpec.parse("name: t\ncommand: [x]\nconfig_space: {x: 1}\nscheduler: {\(body)}").scheduler
    }

    @Test func typesAndASHAVariants() throws {
        #expect(try scheduler("type: median_stopping, metric: m").type == "median_stopping")
        let promotion = try scheduler("type: asha_promotion, metric: m, max_t: 9")
        #expect(promotion.type == "asha" && promotion.ashaType == .promotion)
        let viaKey = try scheduler("type: hyperband, asha_type: promotion, metric: m, max_t: 9, brackets: 2")
        #expect(viaKey.type == "hyperband" && viaKey.ashaType == .promotion && viaKey.brackets == 2)
        #expect(try scheduler("type: grid_search, metric: m").searcher == .grid)
        #expect(try scheduler("type: asha, metric: m, max_t: 9").ashaType == .stopping)
    }
}
