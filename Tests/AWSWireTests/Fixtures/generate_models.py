#!/usr/bin/env python3
"""Writes the trimmed AWS service models that AWSWire validates requests against.

Reads botocore's own service-2.json.gz (the model the `aws` CLI and boto3 use), keeps the
operations Atelier serves and the input shapes they reach, drops documentation, and writes
Sources/AWSWire/Models/<service>.json. Run from the repository root:

    python3 Tests/AWSWireTests/Fixtures/generate_models.py

Output is deterministic (sorted keys, one shape per line) so regenerating shows a small diff.
"""
import gzip
import json
import os
import sys

import botocore

SAGEMAKER_OPERATIONS = [
    "CreateDomain", "DescribeDomain", "ListDomains", "DeleteDomain", "UpdateDomain",
    "CreateUserProfile", "DescribeUserProfile", "ListUserProfiles", "DeleteUserProfile", "UpdateUserProfile",
    "CreatePresignedDomainUrl",
    "CreateImage", "DescribeImage", "ListImages", "DeleteImage", "UpdateImage",
    "CreateImageVersion", "DescribeImageVersion", "ListImageVersions", "DeleteImageVersion",
    "CreateAppImageConfig", "DescribeAppImageConfig", "ListAppImageConfigs", "DeleteAppImageConfig",
    "UpdateAppImageConfig",
    "CreateApp", "DescribeApp", "ListApps", "DeleteApp",
    "AddTags", "ListTags", "DeleteTags",
]

# (service, api version, operations or None for all, error code AWS returns for model violations).
# Cognito answers constraint violations with InvalidParameterException ("1 validation error
# detected: ..."), SageMaker (like most Coral services) with ValidationException.
SERVICES = [
    ("cognito-idp", "2016-04-18", None, "InvalidParameterException"),
    ("sagemaker", "2017-07-24", SAGEMAKER_OPERATIONS, "ValidationException"),
]

SHAPE_KEYS = ["type", "required", "min", "max", "pattern", "enum", "sensitive", "union", "document"]


def trim_shape(shape):
    out = {k: shape[k] for k in SHAPE_KEYS if k in shape}
    if "members" in shape:
        out["members"] = {name: m["shape"] for name, m in shape["members"].items()}
    for k in ("member", "key", "value"):
        if k in shape:
            out[k] = shape[k]["shape"]
    return out


def reachable(shapes, root, seen):
    stack = [root]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        stack.extend(m["shape"] for m in shape.get("members", {}).values())
        stack.extend(shape[k]["shape"] for k in ("member", "key", "value") if k in shape)


def generate(service, version, wanted, error_code, out_dir):
    data = os.path.join(os.path.dirname(botocore.__file__), "data", service, version, "service-2.json.gz")
    with gzip.open(data) as f:
        model = json.load(f)
    ops = model["operations"]
    names = sorted(ops) if wanted is None else sorted(wanted)
    missing = [n for n in names if n not in ops]
    if missing:
        sys.exit(f"{service}: operations not in botocore's model: {missing}")
    seen = set()
    operations = {}
    for name in names:
        op = ops[name]
        entry = {}
        # Operations that botocore sends unsigned (Cognito's user-facing ones: InitiateAuth,
        # SignUp, ...) are marked so the Gateway does not demand SigV4 for them.
        if op.get("authtype") == "none" or op.get("auth") == ["smithy.api#noAuth"]:
            entry["signed"] = False
        # Error codes the operation may return: botocore raises client.exceptions.<Code> only for
        # these, so the handlers should use exactly these codes (SageMaker: "ResourceNotFound").
        errors = sorted(e["shape"] for e in op.get("errors", []))
        if errors:
            entry["errors"] = errors
        if "input" in op:
            entry["input"] = op["input"]["shape"]
            reachable(model["shapes"], op["input"]["shape"], seen)
        operations[name] = entry
    meta = model["metadata"]
    header = {
        "format": "atelier-aws-model",
        "version": 1,
        "botocoreVersion": botocore.__version__,
        "service": service,
        "apiVersion": meta["apiVersion"],
        "targetPrefix": meta["targetPrefix"],
        "signingName": meta.get("signingName", meta["endpointPrefix"]),
        "jsonVersion": meta["jsonVersion"],
        "validationErrorCode": error_code,
    }
    lines = ["{"]
    for k, v in header.items():
        lines.append(f"{json.dumps(k)}: {json.dumps(v)},")
    lines.append('"operations": {')
    lines.append(",\n".join(f"{json.dumps(n)}: {json.dumps(operations[n], sort_keys=True)}" for n in names))
    lines.append("},")
    lines.append('"shapes": {')
    lines.append(",\n".join(
        f"{json.dumps(n)}: {json.dumps(trim_shape(model['shapes'][n]), sort_keys=True, ensure_ascii=False)}"
        for n in sorted(seen)))
    lines.append("}")
    lines.append("}")
    path = os.path.join(out_dir, f"{service}.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{path}: {len(names)} operations, {len(seen)} shapes, {os.path.getsize(path)} bytes")


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    out_dir = os.path.join(root, "Sources", "AWSWire", "Models")
    for service, version, wanted, error_code in SERVICES:
        generate(service, version, wanted, error_code, out_dir)


if __name__ == "__main__":
    main()
