'use strict';

// Delay and timed messages over gRPC with Apache's Node.js client (rocketmq-client-nodejs): the Producer sends one
// message with `delay` (relative) and one with `deliveryTimestamp` (absolute), both `delayMs` ahead, to a topic;
// a SimpleConsumer receives both and reports when each arrived. Optionally (`mismatchTopic`) the producer also
// sends a NORMAL message to that topic (one typed for another kind) and reports the error.
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   delayMs        how far ahead both messages are due (default 3000)
//   mismatchTopic  a topic whose message.type is not NORMAL (default: none)
//   awaitMs        long-polling timeout of each receive (default 1000)
//   timeoutMs      hard timeout (default 120000)
// Lines:
//   {"event":"sent", kind, messageId, sentAt, dueAt}       sentAt/dueAt: epoch ms, before the send
//   {"event":"mismatch", sent, error}                      sent=false when the send failed, error its description
//   {"event":"received", kind, messageId, receivedAt, deliveryTimestamp}
//   {"event":"done", received}

const { Producer } = require('rocketmq-client-nodejs');
const { emit, run, grpcClientLogger, startSimpleConsumer } = require('./common');

run('grpc5-delay', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const delayMs = config.delayMs ?? 3000;
  const topics = [ config.topic ];
  if (config.mismatchTopic) topics.push(config.mismatchTopic);
  const producer = new Producer({ endpoints: config.endpoints, topics, logger: grpcClientLogger });
  lifetime.onStop(() => producer.shutdown());
  await producer.startup();

  const consumer = await startSimpleConsumer(config, lifetime, config.awaitMs ?? 1000);

  if (config.mismatchTopic) {
    try {
      await producer.send({ topic: config.mismatchTopic, body: Buffer.from('normal') });
      emit('mismatch', { sent: true, error: null });
    } catch (err) {
      emit('mismatch', { sent: false, error: `${err.name}: ${err.message}` });
    }
  }

  for (const kind of [ 'delay', 'timed' ]) {
    const sentAt = Date.now();
    const dueAt = sentAt + delayMs;
    const message = { topic: config.topic, tag: kind, body: Buffer.from(kind) };
    if (kind === 'delay') message.delay = delayMs;
    else message.deliveryTimestamp = new Date(dueAt);
    const receipt = await producer.send(message);
    emit('sent', { kind, messageId: receipt.messageId, sentAt, dueAt });
  }

  const seen = new Set();
  while (!lifetime.stopping && seen.size < 2) {
    for (const message of await consumer.receive(16, 10000)) {
      const receivedAt = Date.now();
      await consumer.ack(message);
      const kind = message.body.toString('utf8');
      seen.add(kind);
      emit('received', { kind, messageId: message.messageId, receivedAt, deliveryTimestamp: message.deliveryTimestamp?.getTime() ?? null });
    }
  }

  return { received: seen.size };
});
