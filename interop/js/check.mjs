// Asks rolekeeper for credentials through one of the JS SDK v3 providers (argv[2]: container | http | imds),
// then signs GetCallerIdentity with them against the STS named by AWS_ENDPOINT_URL_STS.
// Prints one JSON line: {"provider", "arn", "expiration"}; exits non-zero with a message on any failure.
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromContainerMetadata, fromHttp, fromInstanceMetadata } from "@aws-sdk/credential-providers";

const providers = {
  container: () => fromContainerMetadata({ timeout: 2000, maxRetries: 0 }),
  http: () => fromHttp({ timeout: 2000, maxRetries: 0 }),
  imds: () => fromInstanceMetadata({ timeout: 2000, maxRetries: 0 }),
};

const name = process.argv[2];
if (!providers[name]) {
  console.error(`usage: node check.mjs ${Object.keys(providers).join("|")}`);
  process.exit(2);
}

try {
  const credentials = await providers[name]()();
  const sts = new STSClient({
    region: process.env.AWS_REGION,
    endpoint: process.env.AWS_ENDPOINT_URL_STS,
    credentials,
    maxAttempts: 1,
  });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify({
    provider: name,
    arn: identity.Arn,
    expiration: credentials.expiration ? credentials.expiration.toISOString() : null,
  }));
} catch (error) {
  console.error(`${name}: ${error.name}: ${error.message}`);
  process.exit(1);
}
