'use strict';

// FIFO consumption over gRPC with Apache's Node.js client: a Producer sends `perGroup` messages to each of the
// message groups in `messageGroups` (interleaved); a SimpleConsumer of a FIFO group (consumeMessageOrderly, created
// by the test) receives `batch` at a time and acks in order, except the first delivery of `unackedSeq` of the first
// message group, which it leaves (with anything after it of that group in the same batch) to come back after the
// invisible time.
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   messageGroups  (default ["g1", "g2"])
//   perGroup       messages per message group (default 4)
//   unackedSeq     seq of the first message group not acked on its first delivery (default 1; -1 acks everything)
//   batch          max messages per receive (default 1)
//   invisibleMs    invisible duration of each receive (default 3000)
//   awaitMs        long-polling timeout of each receive (default 2000)
//   timeoutMs      hard timeout (default 120000)
// Lines:
//   {"event":"sent", messageGroup, seq, messageId}
//   {"event":"consumerReady"}
//   {"event":"received", messageGroup, seq, deliveryAttempt, acked}
//   {"event":"acked", messageGroup, seq}
//   {"event":"done", received}

const { Producer, SimpleConsumer } = require('rocketmq-client-nodejs');
const { emit, run, grpcClientLogger: logger } = require('./common');

run('grpc5-fifo', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const messageGroups = config.messageGroups ?? [ 'g1', 'g2' ];
  const perGroup = config.perGroup ?? 4;
  const unackedSeq = config.unackedSeq ?? 1;

  const producer = new Producer({ endpoints: config.endpoints, topics: [ config.topic ], logger });
  lifetime.onStop(() => producer.shutdown());
  await producer.startup();
  for (let seq = 0; seq < perGroup; seq++) {
    for (const messageGroup of messageGroups) {
      const receipt = await producer.send({
        topic: config.topic,
        messageGroup,
        properties: new Map([ [ 'seq', String(seq) ], [ 'messageGroup', messageGroup ] ]),
        body: Buffer.from(`${messageGroup}-${seq}`),
      });
      emit('sent', { messageGroup, seq, messageId: receipt.messageId });
    }
  }

  const consumer = new SimpleConsumer({
    endpoints: config.endpoints,
    consumerGroup: config.group,
    subscriptions: new Map([ [ config.topic, '*' ] ]),
    awaitDuration: config.awaitMs ?? 2000,
    logger,
  });
  lifetime.onStop(() => consumer.shutdown());
  await consumer.startup();
  emit('consumerReady');

  const acked = new Set();
  let received = 0;
  while (!lifetime.stopping && acked.size < perGroup * messageGroups.length) {
    const messages = await consumer.receive(config.batch ?? 1, config.invisibleMs ?? 3000);
    const failedGroups = new Set();
    for (const message of messages) {
      received++;
      const messageGroup = message.properties.get('messageGroup');
      const seq = Number(message.properties.get('seq'));
      if (messageGroup === messageGroups[0] && seq === unackedSeq && message.deliveryAttempt === 1) failedGroups.add(messageGroup);
      const ack = !failedGroups.has(messageGroup);
      emit('received', { messageGroup, seq, deliveryAttempt: message.deliveryAttempt, acked: ack });
      if (ack) {
        await consumer.ack(message);
        acked.add(`${messageGroup}/${seq}`);
        emit('acked', { messageGroup, seq });
      }
    }
  }
  return { received };
});
