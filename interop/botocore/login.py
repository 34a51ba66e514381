"""Resolves a `login_session` profile with botocore's own credential chain, as an application would.

Usage: login.py PROFILE. Everything else comes from the environment (AWS_CONFIG_FILE,
AWS_LOGIN_CACHE_DIRECTORY, AWS_ENDPOINT_URL_SIGNIN, AWS_ENDPOINT_URL_STS, AWS_REGION). Prints one
JSON line: botocore's version, the access key id, the expiry and the ARN GetCallerIdentity answers
with those credentials. Never a secret.

botocore's login provider (1.41.0 and later) needs awscrt >= 0.28.4 for one thing only: the P-256
key of DPoP proofs (botocore.compat.EC). awscrt cannot be installed on the test machines (Debian's
needs a newer glibc, and its version string defeats botocore's gate anyway), so EC is replaced here
by CrtEc, a stand-in built on the `cryptography` package with exactly the methods botocore calls:
EC.new_key_from_der_data, key.get_public_coords, key.sign (of a SHA-256 digest, DER signature) and
EC.decode_der_signature_to_padded_pair. Everything else is botocore's own: the provider, the cache
reader and writer, the refresh, the DPoP proof, the Sign-In client, SigV4. An `awscrt` package is
not faked: botocore would then also sign and checksum through CRT.
"""

import json
import sys

import botocore
import botocore.compat
import botocore.credentials
import botocore.session
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed, decode_dss_signature

P256_OID = bytes.fromhex("2a8648ce3d030107")
COORDINATE = 32


def _tlv(data, at):
    """One DER element at `at`: (tag, content, offset after it)."""
    if at + 2 > len(data):
        raise ValueError("truncated DER")
    tag, length, at = data[at], data[at + 1], at + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 2 or at + count > len(data):
            raise ValueError("bad DER length")
        length, at = int.from_bytes(data[at:at + count], "big"), at + count
    if at + length > len(data):
        raise ValueError("truncated DER")
    return tag, data[at:at + length], at + length


class CrtEcKey:
    """A P-256 key as awscrt's EC holds it: the private scalar and the public coordinates."""

    def __init__(self, private, x, y):
        self._private = private
        self._coords = (x, y)

    def get_public_coords(self):
        return self._coords

    def sign(self, digest):
        return self._private.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))


class CrtEc:
    """The part of awscrt.crypto.EC botocore's login provider uses."""

    @staticmethod
    def new_key_from_der_data(der):
        """A SEC1 (RFC 5915) ECPrivateKey, read by aws-c-cal's rules, raising ValueError otherwise.

        As aws-c-cal: version 1, a private key of exactly 32 bytes, the curve [0] present and P-256,
        the public key [1], when present, an uncompressed point whose coordinates are the ones
        proofs carry (aws-c-cal does not check them against the private key; the proof's signature
        then fails at the server, as it would here). Stricter than aws-c-cal: the public key must be
        present (the CLI always writes it, and awscrt versions differ on a key without one) and a
        PKCS#8 key is refused (the CLI writes SEC1).
        """
        tag, body, end = _tlv(der, 0)
        if tag != 0x30 or end != len(der):
            raise ValueError("not a DER SEQUENCE")
        fields, at = {}, 0
        while at < len(body):
            tag, content, at = _tlv(body, at)
            fields.setdefault(tag, content)
        if fields.get(0x02) != b"\x01":
            raise ValueError("not a SEC1 ECPrivateKey of version 1")
        d = fields.get(0x04, b"")
        if len(d) != COORDINATE:
            raise ValueError("the private key is not 32 bytes")
        if 0xA0 not in fields:
            raise ValueError("no curve")
        tag, oid, _ = _tlv(fields[0xA0], 0)
        if tag != 0x06 or oid != P256_OID:
            raise ValueError("the curve is not P-256")
        if 0xA1 not in fields:
            raise ValueError("no public key")
        tag, point, _ = _tlv(fields[0xA1], 0)
        if tag != 0x03 or len(point) != 2 + 2 * COORDINATE or point[:2] != b"\x00\x04":
            raise ValueError("the public key is not an uncompressed P-256 point")
        private = ec.derive_private_key(int.from_bytes(d, "big"), ec.SECP256R1())
        return CrtEcKey(private, point[2:2 + COORDINATE], point[2 + COORDINATE:])

    @staticmethod
    def decode_der_signature_to_padded_pair(signature, pad_to):
        r, s = decode_dss_signature(signature)
        return r.to_bytes(pad_to, "big") + s.to_bytes(pad_to, "big")


def main(profile):
    # credentials.py binds EC at import ("from botocore.compat import EC"); both names are set.
    botocore.compat.EC = CrtEc
    botocore.credentials.EC = CrtEc
    session = botocore.session.Session(profile=profile)
    credentials = session.get_credentials()
    if credentials is None or credentials.method != "login":
        raise SystemExit("botocore did not use its login provider: %r" % getattr(credentials, "method", None))
    frozen = credentials.get_frozen_credentials()
    sts = session.create_client("sts")
    arn = sts.get_caller_identity()["Arn"]
    print(json.dumps({
        "botocore": botocore.__version__,
        "botocoreFile": botocore.__file__,
        "accessKeyId": frozen.access_key,
        "expiration": credentials._expiry_time.isoformat() if credentials._expiry_time else None,
        "arn": arn,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
