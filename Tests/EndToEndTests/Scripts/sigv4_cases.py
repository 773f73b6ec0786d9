#!/usr/bin/env python3
"""Send SigV4-signed requests, correct and broken, signed by botocore itself.

usage: sigv4_cases.py ENDPOINT ACCESS_KEY_ID SECRET
Prints one JSON object: case name -> {"status": HTTP status, "code": AWS error code or null}.
"""
import datetime
import json
import sys
import urllib.error
import urllib.request
from unittest import mock

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ENDPOINT, KEY, SECRET = sys.argv[1:4]
TARGET = "AWSCognitoIdentityProviderService.ListUserPools"
BODY = b'{"MaxResults": 10}'


class SigV4WithoutHost(SigV4Auth):
    """Signs correctly except that `host` is left out of the signed headers."""

    def headers_to_sign(self, request):
        headers = super().headers_to_sign(request)
        del headers["host"]
        return headers


def signed(secret=SECRET, body=BODY, when=None, drop_host=False, service="cognito-idp", region="us-east-1"):
    request = AWSRequest(
        method="POST", url=ENDPOINT + "/", data=body,
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET},
    )
    auth = (SigV4WithoutHost if drop_host else SigV4Auth)(Credentials(KEY, secret), service, region)
    if when is not None:
        # botocore reads the clock through botocore.auth.get_current_datetime.
        with mock.patch("botocore.auth.get_current_datetime", return_value=when):
            auth.add_auth(request)
    else:
        auth.add_auth(request)
    headers = dict(request.headers.items())
    if drop_host:
        assert "host" not in headers["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    return headers


def send(headers, body=BODY):
    request = urllib.request.Request(ENDPOINT + "/", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return {"status": response.status, "code": None}
    except urllib.error.HTTPError as error:
        payload = json.loads(error.read() or b"{}")
        return {"status": error.code, "code": payload.get("__type", "").split("#")[-1] or None}


def main() -> int:
    now = datetime.datetime.now(datetime.timezone.utc)
    results = {
        "correct": send(signed()),
        "wrong_secret": send(signed(secret=SECRET + "x")),
        "skew_past": send(signed(when=now - datetime.timedelta(minutes=16))),
        "skew_future": send(signed(when=now + datetime.timedelta(minutes=16))),
        "skew_small": send(signed(when=now - datetime.timedelta(minutes=5))),
        "tampered_body": send(signed(), body=b'{"MaxResults": 11}'),
        "missing_host": send(signed(drop_host=True)),
        "wrong_service": send(signed(service="sagemaker")),
        "unsigned": send({"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET}),
        "unknown_key": send(dict(signed(), Authorization=signed()["Authorization"].replace(KEY, "AKIAUNKNOWNKEY000000"))),
    }
    client = boto3.client(
        "cognito-idp", endpoint_url=ENDPOINT, region_name="us-east-1",
        aws_access_key_id=KEY, aws_secret_access_key=SECRET,
    )
    results["boto3"] = {"status": client.list_user_pools(MaxResults=5)["ResponseMetadata"]["HTTPStatusCode"], "code": None}
    print(json.dumps(results, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
