'use strict';

// Recall of timed messages (RocketMQ 5.3) with Apache's Node.js client (rocketmq-client-nodejs 1.0.8, which has
// Producer.recallMessage): the Producer sends two timed messages due `delayMs` ahead, "recalled" and "kept", and
// recalls the first with the recall handle of its send receipt; it also recalls with a malformed handle. A
// SimpleConsumer then receives until `untilMs` (epoch ms; default: the messages' time + graceMs) and reports every
// message; after "kept" arrived the producer recalls it again (a handle whose time has passed).
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   send       send and recall (default true); false: only receive (after a silo restart)
//   consume    receive (default true)
//   delayMs    how far ahead both messages are due (default 3000)
//   graceMs    how long to go on receiving after their time (default 3000)
//   untilMs    receive until this epoch ms instead
//   timeoutMs  hard timeout (default 120000)
// Lines:
//   {"event":"sent", kind, messageId, recallHandle, dueAt}
//   {"event":"recalled", kind, messageId}                 the recall answered OK with this message id
//   {"event":"recallRefused", kind, error}                kind "malformed" or "delivered"
//   {"event":"received", kind, messageId, receivedAt}
//   {"event":"done", received}

const { Producer } = require('rocketmq-client-nodejs');
const { emit, run, grpcClientLogger, grpcClientOptions, startSimpleConsumer, describeError } = require('./common');

run('grpc5-recall', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const delayMs = config.delayMs ?? 3000;
  const producer = new Producer({ ...grpcClientOptions(config, grpcClientLogger), topics: [ config.topic ] });
  lifetime.onStop(() => producer.shutdown());
  await producer.startup();

  const handles = {};
  let untilMs = config.untilMs ?? 0;
  if (config.send !== false) {
    const dueAt = Date.now() + delayMs;
    for (const kind of [ 'recalled', 'kept' ]) {
      const receipt = await producer.send({ topic: config.topic, tag: kind, body: Buffer.from(kind), deliveryTimestamp: new Date(dueAt) });
      handles[kind] = receipt.recallHandle;
      emit('sent', { kind, messageId: receipt.messageId, recallHandle: receipt.recallHandle ?? null, dueAt });
    }
    const recall = await producer.recallMessage(config.topic, handles.recalled);
    emit('recalled', { kind: 'recalled', messageId: recall.messageId });
    try {
      await producer.recallMessage(config.topic, 'not a recall handle');
      emit('recalled', { kind: 'malformed', messageId: null });
    } catch (err) {
      emit('recallRefused', { kind: 'malformed', error: describeError(err) });
    }
    untilMs = untilMs || dueAt + (config.graceMs ?? 3000);
  }

  if (config.consume === false) return { received: 0 };
  const consumer = await startSimpleConsumer(config, lifetime, 1000);
  let received = 0;
  while (!lifetime.stopping && Date.now() < untilMs) {
    for (const message of await consumer.receive(16, 10000)) {
      await consumer.ack(message);
      const kind = message.body.toString('utf8');
      received++;
      emit('received', { kind, messageId: message.messageId, receivedAt: Date.now() });
      if (kind === 'kept' && handles.kept) {
        try {
          await producer.recallMessage(config.topic, handles.kept);
          emit('recalled', { kind: 'delivered', messageId: null });
        } catch (err) {
          emit('recallRefused', { kind: 'delivered', error: describeError(err) });
        }
      }
    }
  }

  return { received };
});
