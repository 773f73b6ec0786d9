#!/usr/bin/env python3
"""Verify a Cognito-style access token with an independent JOSE implementation (joserfc).

usage: verify_token.py ISSUER TOKEN CLIENT_ID
Fetches ISSUER/.well-known/openid-configuration, then its jwks_uri, verifies the RS256
signature and checks iss, token_use, client_id and exp. Prints the claims as JSON.
"""
import json
import sys
import time
import urllib.request

from joserfc import jwt
from joserfc.jwk import KeySet


def main() -> int:
    issuer, token, client_id = sys.argv[1:4]
    with urllib.request.urlopen(issuer + "/.well-known/openid-configuration", timeout=10) as r:
        discovery = json.load(r)
    assert discovery["issuer"] == issuer, discovery
    with urllib.request.urlopen(discovery["jwks_uri"], timeout=10) as r:
        keys = KeySet.import_key_set(json.load(r))
    decoded = jwt.decode(token, keys, algorithms=["RS256"])
    claims = decoded.claims
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": issuer},
        token_use={"essential": True, "value": "access"},
        client_id={"essential": True, "value": client_id},
        exp={"essential": True},
    )
    registry.validate(claims)
    assert claims["exp"] > time.time(), "expired"
    assert decoded.header["kid"] and decoded.header["alg"] == "RS256"
    print(json.dumps(claims, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
