'use strict';

// ACL refusals as Apache's RocketMQ 5 Node.js client (rocketmq-client-nodejs) meets them: a Producer starts and sends
// one message, then a SimpleConsumer starts and receives once; each step either succeeds or reports the error the
// client threw (its response code: 40100 UNAUTHORIZED, 40300 FORBIDDEN).
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   accessKey, secretKey      ACL credentials (default none)
//   sslEnabled                TLS (default false)
//   timeoutMs                 hard timeout (default 120000)
// Lines:
//   {"event":"step", step: "send"|"receive", ok: true} or {"event":"step", step, ok: false, code, message}
//   {"event":"done"}

const { Producer, SimpleConsumer } = require('rocketmq-client-nodejs');
const { emit, run, grpcClientOptions } = require('./common');

const logger = { info() {}, debug() {}, warn() {}, error() {}, close() {} };

async function step(name, action) {
  try {
    await action();
    emit('step', { step: name, ok: true });
  } catch (err) {
    // Startup wraps the RPC's error (cause chain: startup → route fetch → the ClientException with the code).
    let root = err;
    while (root.cause instanceof Error) root = root.cause;
    emit('step', { step: name, ok: false, code: root.code ?? null, message: String(root.message) });
  }
}

run('grpc5-refused', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const common = grpcClientOptions(config, logger);
  // No topics at startup: the route is then queried by the send itself, so a refusal surfaces as the send's error.
  const producer = new Producer({ ...common, maxAttempts: 1 });
  lifetime.onStop(() => producer.shutdown());
  await step('send', async () => {
    await producer.startup();
    await producer.send({ topic: config.topic, tag: 'acl', body: Buffer.from('acl body') });
  });

  const consumer = new SimpleConsumer({
    ...common,
    consumerGroup: config.group,
    subscriptions: new Map([ [ config.topic, '*' ] ]),
    awaitDuration: 1000,
  });
  lifetime.onStop(() => consumer.shutdown());
  await step('receive', async () => {
    await consumer.startup();
    await consumer.receive(1, 3000);
  });
  return {};
});
