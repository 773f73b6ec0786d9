#!/usr/bin/env python3
"""Writes sigv4_vectors.json: requests signed by botocore's own SigV4Auth / SigV4QueryAuth.

Each vector holds the request as it goes on the wire (method, raw path, raw query, headers,
body), the credentials and clock used, and botocore's canonical request and string to sign, so
the Swift tests can compare every intermediate step, not only the final signature.
Run from anywhere with the botocore that the `aws` CLI uses:

    python3 Tests/AWSWireTests/Fixtures/generate_sigv4_vectors.py
"""
import base64
import datetime
import json
import os
from unittest import mock
from urllib.parse import urlsplit

import botocore
import botocore.auth
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

NOW = datetime.datetime(2026, 11, 29, 1, 48, 0, tzinfo=datetime.timezone.utc)
AKID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
HOST = "atelier.example.internal:8443"

CASES = [
    dict(name="cognito-initiate-auth", service="cognito-idp", method="POST", path="/",
         headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
                  "Content-Type": "application/x-amz-json-1.1"},
         body=b'{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"abc","AuthParameters":{"USERNAME":"u","PASSWORD":"p"}}'),
    dict(name="sagemaker-presigned-url", service="sagemaker", method="POST", path="/",
         headers={"X-Amz-Target": "SageMaker.CreatePresignedDomainUrl",
                  "Content-Type": "application/x-amz-json-1.1"},
         body=b'{"DomainId":"d-abc123","UserProfileName":"alice","ExpiresInSeconds":300}'),
    dict(name="empty-body-get", service="sagemaker", method="GET", path="/", headers={}, body=b""),
    dict(name="path-dot-segments-and-escapes", service="sagemaker", method="GET",
         path="/a%20b/c%2Fd/../e//f/./g~h/", headers={}, body=b""),
    dict(name="query-params-special-chars", service="sagemaker", method="GET", path="/items",
         params=[("b", "x y"), ("a", "\u00fc~*"), ("a2", ""), ("c", "a+b&c=d/e"), ("a", "1")],
         headers={}, body=b""),
    dict(name="query-in-url-repeated-keys", service="cognito-idp", method="GET", path="/",
         query="k=2&k=1&Z=%7E&empty=&-_.~=ok", headers={}, body=b""),
    dict(name="headers-with-spaces-and-repeats", service="cognito-idp", method="POST", path="/",
         headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.ListUsers",
                  "Content-Type": "application/x-amz-json-1.1",
                  "X-Custom": "  a   b\tc  "},
         repeated=[("X-Repeat", "one"), ("X-Repeat", "  two   words ")],
         body=b'{"UserPoolId":"us-east-1_abc"}'),
    dict(name="unicode-body", service="cognito-idp", method="POST", path="/",
         headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.SignUp",
                  "Content-Type": "application/x-amz-json-1.1"},
         body=json.dumps({"Username": "j\u00fcrgen \u65e5\u672c \U0001F600", "Password": "p\u00e4ss"},
                         ensure_ascii=False).encode("utf-8")),
    dict(name="date-header-instead-of-x-amz-date", service="sagemaker", method="POST", path="/",
         headers={"X-Amz-Target": "SageMaker.ListDomains", "Content-Type": "application/x-amz-json-1.1",
                  "Date": "placeholder"},
         body=b"{}"),
    dict(name="content-sha256-header", service="sagemaker", method="POST", path="/",
         headers={"X-Amz-Target": "SageMaker.ListApps", "Content-Type": "application/x-amz-json-1.1"},
         content_sha256=True, body=b'{"DomainIdEquals":"d-1"}'),
    dict(name="session-token", service="sagemaker", method="POST", path="/", token="FQoGZXIvYXdzEXAMPLETOKEN==",
         headers={"X-Amz-Target": "SageMaker.ListDomains", "Content-Type": "application/x-amz-json-1.1"},
         body=b"{}"),
    dict(name="presigned-query", service="sagemaker", method="GET", path="/studio/open",
         params=[("token", "a b/c")], presign=300, headers={}, body=b""),
]


def sign(case):
    creds = Credentials(AKID, SECRET, case.get("token"))
    url = f"https://{HOST}{case['path']}"
    if case.get("query"):
        url += "?" + case["query"]
    request = AWSRequest(method=case["method"], url=url, data=case["body"], params=case.get("params"))
    for k, v in case["headers"].items():
        request.headers[k] = v
    for k, v in case.get("repeated", []):
        request.headers[k] = v  # HTTPHeaders appends on repeated assignment
    if case.get("content_sha256"):
        import hashlib
        request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(case["body"]).hexdigest()
    if "presign" in case:
        signer = SigV4QueryAuth(creds, case["service"], "us-east-1", expires=case["presign"])
    else:
        signer = SigV4Auth(creds, case["service"], "us-east-1")
    # Record botocore's intermediate strings as add_auth computes them (recomputing afterwards
    # would see the Authorization header that signing added).
    seen = {}
    original_sts = signer.string_to_sign

    def recording_sts(req, canonical_request):
        seen["canonical"] = canonical_request
        seen["sts"] = original_sts(req, canonical_request)
        return seen["sts"]

    signer.string_to_sign = recording_sts
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=NOW.replace(tzinfo=None)):
        signer.add_auth(request)
    canonical, string_to_sign = seen["canonical"], seen["sts"]
    prepared = request.prepare()
    split = urlsplit(prepared.url)
    # request.headers keeps repeated fields (prepared.headers is a plain dict and would not).
    headers = [[k, v] for k, v in request.headers.items()]
    if "Content-Length" in prepared.headers and not any(k.lower() == "content-length" for k, _ in headers):
        headers.append(["Content-Length", prepared.headers["Content-Length"]])
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ["Host", split.netloc])
    return {
        "name": case["name"],
        "service": case["service"],
        "region": "us-east-1",
        "accessKeyId": AKID,
        "secretAccessKey": SECRET,
        "now": NOW.strftime("%Y%m%dT%H%M%SZ"),
        "method": prepared.method,
        "path": split.path,
        "query": split.query,
        "headers": headers,
        "bodyBase64": base64.b64encode(prepared.body or b"").decode("ascii"),
        "canonicalRequest": canonical,
        "stringToSign": string_to_sign,
        "presigned": "presign" in case,
    }


class _Raw:
    def stream(self, **kwargs):
        yield b"{}"


def client_vectors():
    """Requests exactly as the real boto3/aws-CLI client builds them (User-Agent,
    amz-sdk-* headers, Content-Length), captured at 'before-send' and answered locally."""
    import botocore.session
    from botocore.awsrequest import AWSResponse

    calls = [
        ("client-sagemaker-create-presigned-domain-url", "sagemaker", "create_presigned_domain_url",
         dict(DomainId="d-abc123", UserProfileName="alice", ExpiresInSeconds=300)),
        ("client-sagemaker-list-domains", "sagemaker", "list_domains", {}),
        ("client-cognito-admin-get-user", "cognito-idp", "admin_get_user",
         dict(UserPoolId="us-east-1_AbC123", Username="j\u00fcrgen")),
    ]
    out = []
    for name, service, method, kwargs in calls:
        session = botocore.session.get_session()
        session.set_credentials(AKID, SECRET)
        client = session.create_client(service, region_name="us-east-1", endpoint_url=f"http://{HOST}")
        captured = {}

        def before_send(request, **_):
            captured["request"] = request
            return AWSResponse(request.url, 200, {}, _Raw())

        client.meta.events.register("before-send", before_send)
        seen = {}
        original = SigV4Auth.string_to_sign

        def recording(self, req, canonical_request):
            seen["canonical"] = canonical_request
            seen["sts"] = original(self, req, canonical_request)
            return seen["sts"]

        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=NOW.replace(tzinfo=None)), \
                mock.patch.object(SigV4Auth, "string_to_sign", recording):
            getattr(client, method)(**kwargs)
        request = captured["request"]
        split = urlsplit(request.url)
        headers = [[k, v.decode() if isinstance(v, bytes) else v] for k, v in request.headers.items()]
        if not any(k.lower() == "host" for k, _ in headers):
            headers.insert(0, ["Host", split.netloc])
        body = request.body if isinstance(request.body, bytes) else (request.body or "").encode()
        out.append({
            "name": name, "service": service, "region": "us-east-1", "accessKeyId": AKID,
            "secretAccessKey": SECRET, "now": NOW.strftime("%Y%m%dT%H%M%SZ"), "method": request.method,
            "path": split.path, "query": split.query, "headers": headers,
            "bodyBase64": base64.b64encode(body).decode("ascii"),
            "canonicalRequest": seen["canonical"], "stringToSign": seen["sts"], "presigned": False,
        })
    return out


def main():
    vectors = [sign(c) for c in CASES] + client_vectors()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4_vectors.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"botocoreVersion": botocore.__version__, "vectors": vectors}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out}: {len(vectors)} vectors")


if __name__ == "__main__":
    main()
