"""Prints, for every profile of every case directory given, where botocore sends its STS calls.

Each case directory holds `config`, optionally `credentials` and `env` (KEY=VALUE lines). For each
profile, botocore's own Session resolves a client and its credentials; no call leaves the process:
an event handler answers every STS request (AssumeRole with made-up keys) and records the URL, the
signing region and the keys that signed it. Output: one JSON object,
{case: {profile: {"endpoint", "region", "chain"} or {"error"}}}.

botocore's default for sts_regional_endpoints is set to "regional" (that of the AWS CLI v2, the Java
SDK and newer botocore); a profile or AWS_STS_REGIONAL_ENDPOINTS still overrides it.
"""

import json
import os
import re
import shutil
import sys
import tempfile
from urllib.parse import parse_qs

import botocore.session
from botocore.awsrequest import AWSResponse

ANSWER = (
    "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>"
    "<AssumedRoleUser><AssumedRoleId>AROAX:s</AssumedRoleId><Arn>{arn}</Arn></AssumedRoleUser>"
    "<Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
    "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
    "</{action}Result></{action}Response>"
)
SESSION_VARS = {
    "sts_regional_endpoints": ("sts_regional_endpoints", "AWS_STS_REGIONAL_ENDPOINTS", "regional", None)
}


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, request, **kwargs):
        body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
        params = {k: v[0] for k, v in parse_qs(body).items()}
        auth = request.headers.get("Authorization", b"")
        auth = auth.decode() if isinstance(auth, bytes) else auth
        scope = re.search(r"Credential=([^/]+)/\d+/([^/]+)/", auth)
        key = "ASIA%04d" % (len(self.calls) + 1)
        action = params.get("Action", "")
        self.calls.append({
            "url": request.url.split("?")[0],
            "region": scope.group(2) if scope else None,
            "signer": scope.group(1) if scope else None,
            "action": action,
            "role": params.get("RoleArn"),
            "issued": key,
        })
        arn = "arn:aws:sts::123456789012:assumed-role/x/s"
        text = ANSWER.format(action=action, arn=arn, key=key).encode()
        if action == "GetCallerIdentity":
            text = (b"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>" + arn.encode()
                    + b"</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>")
        return AWSResponse(request.url, 200, {}, _Raw(text))


class _Raw:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data


def chain(recorder, profile, static_keys, env):
    """Role ARNs from the profile's own down to its source, then what signed the first call."""
    calls = [c for c in recorder.calls if c["action"] != "GetCallerIdentity"]
    if not calls:
        return ["keys:" + static_keys.get(profile, "?")]
    out = []
    issued = {c["issued"]: c for c in calls}
    call = calls[-1]
    while True:
        out.append(call["role"])
        if call["action"] == "AssumeRoleWithWebIdentity":
            out.append("web_identity")
            return out
        previous = issued.get(call["signer"])
        if previous is None:
            out.append("keys:" + call["signer"])
            return out
        call = previous


def resolve(original):
    # "$CASE" in a file stands for the case's directory (token files); the copy gets its real path.
    case = tempfile.mkdtemp()
    for name in os.listdir(original):
        text = open(os.path.join(original, name)).read().replace("$CASE", case)
        open(os.path.join(case, name), "w").write(text)
    try:
        return _resolve(case)
    finally:
        shutil.rmtree(case)


def _resolve(case):
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        del os.environ[name]
    os.environ["AWS_CONFIG_FILE"] = os.path.join(case, "config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(case, "credentials")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    env_file = os.path.join(case, "env")
    if os.path.exists(env_file):
        for line in open(env_file):
            line = line.strip()
            if line and not line.startswith("#"):
                k, v = line.split("=", 1)
                os.environ[k] = v
    static_keys = {}
    results = {}
    try:
        profiles = botocore.session.Session(session_vars=SESSION_VARS).available_profiles
    except Exception as e:  # a file botocore cannot read at all
        return {"*": {"error": type(e).__name__}}
    for profile in profiles:
        try:
            session = botocore.session.Session(profile=profile, session_vars=SESSION_VARS)
            recorder = Recorder()
            session.register("before-send.sts", recorder)
            config = session.full_config["profiles"].get(profile, {})
            if "role_arn" not in config:
                continue
            credentials = session.get_credentials()
            if credentials is None:
                results[profile] = {"error": "no credentials"}
                continue
            frozen = credentials.get_frozen_credentials()
            found = chain(recorder, profile, static_keys, os.environ)
            recorder.calls.clear()
            client = session.create_client(
                "sts", aws_access_key_id=frozen.access_key, aws_secret_access_key="s",
                aws_session_token=frozen.token)
            client.meta.events.register("before-send.sts", recorder)
            client.get_caller_identity()
            call = recorder.calls[-1]
            results[profile] = {"endpoint": call["url"].rstrip("/"), "region": call["region"],
                                "chain": found}
        except Exception as e:  # what botocore refuses is part of the answer
            results[profile] = {"error": type(e).__name__}
    return results


if __name__ == "__main__":
    out = {os.path.basename(c.rstrip("/")): resolve(c) for c in sys.argv[1:]}
    out["botocore"] = botocore.__version__
    print(json.dumps(out, indent=1, sort_keys=True))
