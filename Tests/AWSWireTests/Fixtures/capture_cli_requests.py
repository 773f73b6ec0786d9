#!/usr/bin/env python3
"""Writes cli_requests.json: requests exactly as the real `aws` CLI puts them on a socket.

Starts a throwaway HTTP server on 127.0.0.1 (port 0), runs a few `aws` commands against it with
`--endpoint-url`, and records each request's method, raw path and query, header fields in
arrival order and body. The server answers `{}` so the CLI exits quietly. The requests are
signed with the clock of the moment; the Swift tests verify them at their own X-Amz-Date.

    python3 Tests/AWSWireTests/Fixtures/capture_cli_requests.py
"""
import base64
import json
import os
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

AKID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

COMMANDS = [
    ("cli-sagemaker-create-presigned-domain-url",
     ["sagemaker", "create-presigned-domain-url", "--domain-id", "d-abc123", "--user-profile-name", "alice",
      "--expires-in-seconds", "300"]),
    ("cli-sagemaker-list-apps", ["sagemaker", "list-apps", "--domain-id-equals", "d-abc123", "--max-results", "5"]),
    ("cli-cognito-admin-get-user",
     ["cognito-idp", "admin-get-user", "--user-pool-id", "us-east-1_AbC123", "--username", "j\u00fcrgen"]),
    ("cli-cognito-initiate-auth-unsigned",
     ["cognito-idp", "initiate-auth", "--client-id", "abc", "--auth-flow", "USER_PASSWORD_AUTH",
      "--auth-parameters", "USERNAME=u,PASSWORD=p"]),
]

captured = []


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        path, _, query = self.path.partition("?")
        captured.append({
            "method": self.command, "path": path, "query": query,
            "headers": [[k, v] for k, v in self.headers.items()],
            "bodyBase64": base64.b64encode(body).decode("ascii"),
        })
        reply = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def main():
    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    vectors = []
    try:
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, AWS_ACCESS_KEY_ID=AKID, AWS_SECRET_ACCESS_KEY=SECRET,
                       AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=os.path.join(home, "config"),
                       AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "credentials"), HOME=home)
            env.pop("AWS_SESSION_TOKEN", None)
            env.pop("AWS_PROFILE", None)
            for name, args in COMMANDS:
                before = len(captured)
                subprocess.run(["aws", *args, "--endpoint-url", endpoint, "--output", "json"],
                               env=env, check=True, capture_output=True, timeout=60)
                assert len(captured) == before + 1, f"{name}: expected one request"
                vectors.append({"name": name, "accessKeyId": AKID, "secretAccessKey": SECRET, **captured[-1]})
    finally:
        server.shutdown()
    version = subprocess.run(["aws", "--version"], capture_output=True, text=True).stdout.strip() or "unknown"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cli_requests.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"awsCliVersion": version, "requests": vectors}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out}: {len(vectors)} requests")


if __name__ == "__main__":
    main()
