import Foundation

/// A tuning spec file (YAML or JSON). Its keys are part of the interface; see docs/tuning.md.
public struct TuningSpec: Sendable {
    public var name: String
    /// Program and fixed arguments; hyperparameters are appended as `--name value`.
    public var command: [String]
    public var configSpace: ConfigSpace
    public var scheduler: SchedulerSpec
    public var instanceTypes: [String: InstanceType]
    public var nWorkers: Int
    public var stop: StopCriteria
    public var seed: UInt64
    /// Per-launch wall-clock limit of a trial, seconds.
    public var trialTimeout: Double?
    /// Extra environment variables for trials.
    public var environment: [String: String]

    /// Parses a spec; relative paths in `command` that exist next to the spec are made absolute
    /// (trials run in their own directories).
    public static func parse(_ text: String, baseDirectory: URL? = nil) throws(TuningError) -> TuningSpec {
        let root = try SpecNode.parse(text)
        guard let pairs = root.mapping else { throw TuningError("spec: expected a mapping at the top level") }
        let known: Set<String> = [
            "name", "command", "config_space", "scheduler", "instance_types", "n_workers", "stop", "seed",
            "trial_timeout", "environment",
        ]
        for (key, _) in pairs where !known.contains(key) {
            throw .invalid(key, "unknown key (expected one of \(known.sorted().joined(separator: ", ")))")
        }
        guard let name = try root["name"]?.string("name"), isValidName(name) else {
            throw .invalid("name", "required; letters, digits, '-', '_' and '.' only")
        }
        guard let commandItems = root["command"]?.sequence, !commandItems.isEmpty else {
            throw .invalid("command", "required: a non-empty list, e.g. [python3, train.py]")
        }
        var command = try commandItems.enumerated().map { (i, node) throws(TuningError) in
            try node.string("command[\(i)]")
        }
        if let baseDirectory {
            command = command.map { part in
                guard !part.hasPrefix("/") else { return part }
                let candidate = baseDirectory.appendingPathComponent(part).path
                return part.contains("/") || FileManager.default.fileExists(atPath: candidate)
                    ? (FileManager.default.fileExists(atPath: candidate) ? candidate : part) : part
            }
        }
        guard let spaceNode = root["config_space"] else { throw .invalid("config_space", "required") }
        let space = try ConfigSpace.parse(spaceNode)
        guard let schedulerNode = root["scheduler"] else { throw .invalid("scheduler", "required") }
        let scheduler = try SchedulerSpec.parse(schedulerNode)

        var instanceTypes: [String: InstanceType] = [:]
        if let node = root["instance_types"] {
            guard let entries = node.mapping else { throw .invalid("instance_types", "expected a mapping") }
            for (typeName, entry) in entries {
                let key = "instance_types.\(typeName)"
                let threads = try entry["threads"]?.int("\(key).threads") ?? 1
                guard threads >= 1 else { throw .invalid("\(key).threads", "must be at least 1") }
                guard let price = try entry["price_per_hour"]?.double("\(key).price_per_hour"), price >= 0 else {
                    throw .invalid("\(key).price_per_hour", "required, a number >= 0")
                }
                instanceTypes[typeName] = InstanceType(name: typeName, threads: threads, pricePerHour: price)
            }
            if let domain = space["st_instance_type"] {
                for value in domain.gridValues(samplesForContinuous: 1) where instanceTypes[value.description] == nil {
                    throw .invalid("config_space.st_instance_type", "'\(value)' is not in instance_types")
                }
            }
        }
        let nWorkers = try root["n_workers"]?.int("n_workers") ?? 1
        guard nWorkers >= 1 else { throw .invalid("n_workers", "must be at least 1") }
        let seed = try root["seed"]?.int("seed") ?? 0
        var environment: [String: String] = [:]
        if let node = root["environment"] {
            guard let entries = node.mapping else { throw .invalid("environment", "expected a mapping") }
            for (key, value) in entries { environment[key] = try value.string("environment.\(key)") }
        }
        return TuningSpec(
            name: name,
            command: command,
            configSpace: space,
            scheduler: scheduler,
            instanceTypes: instanceTypes,
            nWorkers: nWorkers,
            stop: try parseStop(root["stop"]),
            seed: UInt64(bitPattern: Int64(seed)),
            trialTimeout: try root["trial_timeout"]?.double("trial_timeout"),
            environment: environment
        )
    }

    private static func parseStop(_ node: SpecNode?) throws(TuningError) -> StopCriteria {
        guard let node else { return StopCriteria() }
        guard let pairs = node.mapping else { throw .invalid("stop", "expected a mapping") }
        var stop = StopCriteria()
        for (key, value) in pairs {
            let path = "stop.\(key)"
            switch key {
            case "max_wallclock_time": stop.maxWallclockTime = try value.double(path)
            case "max_num_trials_started": stop.maxNumTrialsStarted = try value.int(path)
            case "max_num_trials_completed", "max_num_trials_finished": stop.maxNumTrialsCompleted = try value.int(path)
            case "max_cost": stop.maxCost = try value.double(path)
            case "min_metric_value", "max_metric_value":
                guard let entries = value.mapping else { throw .invalid(path, "expected {metric: value}") }
                for (metric, threshold) in entries {
                    let number = try threshold.double("\(path).\(metric)")
                    if key == "min_metric_value" {
                        stop.minMetricValue[metric] = number
                    } else {
                        stop.maxMetricValue[metric] = number
                    }
                }
            default:
                throw .invalid(
                    path,
                    "unknown stop criterion (max_wallclock_time, max_num_trials_started, max_num_trials_completed, max_cost, min_metric_value, max_metric_value)"
                )
            }
        }
        return stop
    }

    /// The scheduler this spec describes, seeded with `seed`.
    public func makeScheduler() throws(TuningError) -> any TrialScheduler {
        try scheduler.make(space: configSpace, seed: seed)
    }
}

func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 128 && name != "." && name != ".."
        && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
}
