#!/usr/bin/env python3
"""Print a wrk Lua script that replays one request signed by botocore (valid for 15 minutes).

usage: sign.py ENDPOINT TARGET JSON_BODY [--unsigned]
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
import os

endpoint, target, body = sys.argv[1:4]
headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target}
if "--unsigned" not in sys.argv:
    request = AWSRequest(method="POST", url=endpoint + "/", data=body.encode(), headers=headers)
    SigV4Auth(Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]), "cognito-idp", "us-east-1").add_auth(request)
    headers = dict(request.headers.items())
print('wrk.method = "POST"')
print("wrk.body = " + json.dumps(body))
for name, value in headers.items():
    if name.lower() == "host":
        continue
    print(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
