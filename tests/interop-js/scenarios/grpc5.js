'use strict';

// RocketMQ 5 over gRPC with Apache's Node.js client (rocketmq-client-nodejs): a Producer sends `count` messages
// with tags, keys and a user property; a SimpleConsumer receives and acks them all, except the first delivery of
// `unackedSeq`, which it leaves to come back after the invisible time with delivery attempt 2.
//
// Config (JSON, see common.js):
//   endpoints      "127.0.0.1:<grpc port>" (required)
//   topic          (required)
//   group          consumer group (required)
//   count          messages to send (default 10)
//   unackedSeq     the message not acked on its first delivery (default 0; -1 acks everything)
//   invisibleMs    invisible duration of each receive (default 3000)
//   awaitMs        long-polling timeout of each receive (default 2000)
//   consume        false: only produce (default true)
//   namespace      RocketMQ 5 namespace of the clients (default "")
//   label          copied into user property "label" of every message (default "")
//   sslEnabled     TLS to the endpoints (default false; the certificate must be trusted, e.g. GRPC_DEFAULT_SSL_ROOTS_FILE_PATH)
//   accessKey, secretKey   ACL credentials (sessionCredentials; default none)
//   timeoutMs      hard timeout (default 120000)
// Lines:
//   {"event":"producerReady"}
//   {"event":"sent", seq, messageId, offset}
//   {"event":"consumerReady"}
//   {"event":"received", seq, messageId, topic, tag, keys, body, deliveryAttempt, acked}
//   {"event":"done", sent, received}

const { Producer } = require('rocketmq-client-nodejs');
const { emit, run, grpcClientLogger, grpcClientOptions, startSimpleConsumer } = require('./common');

run('grpc5', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const count = config.count ?? 10;
  const unackedSeq = config.unackedSeq ?? 0;
  const invisibleMs = config.invisibleMs ?? 3000;
  const awaitMs = config.awaitMs ?? 2000;

  const producer = new Producer({ ...grpcClientOptions(config, grpcClientLogger), topics: [ config.topic ] });
  lifetime.onStop(() => producer.shutdown());
  await producer.startup();
  emit('producerReady');
  for (let seq = 0; seq < count; seq++) {
    const receipt = await producer.send({
      topic: config.topic,
      tag: `Tag${seq % 2}`,
      keys: [ `key-${seq}`, `k${seq % 3}` ],
      properties: new Map([ [ 'seq', String(seq) ], [ 'label', config.label ?? '' ] ]),
      body: Buffer.from(`grpc body ${seq}`),
    });
    emit('sent', { seq, messageId: receipt.messageId, offset: Number(receipt.offset) });
  }
  if (config.consume === false) return { sent: count, received: 0 };

  const consumer = await startSimpleConsumer(config, lifetime, awaitMs);

  const firstSeen = new Set();
  let redelivered = unackedSeq < 0;
  let received = 0;
  while (!lifetime.stopping && (firstSeen.size < count || !redelivered)) {
    const messages = await consumer.receive(16, invisibleMs);
    for (const message of messages) {
      received++;
      const seq = Number(message.properties.get('seq'));
      const leaveUnacked = seq === unackedSeq && !firstSeen.has(seq) && message.deliveryAttempt === 1;
      if (!leaveUnacked) {
        await consumer.ack(message);
      }
      if (seq === unackedSeq && message.deliveryAttempt > 1) redelivered = true;
      firstSeen.add(seq);
      emit('received', {
        seq,
        messageId: message.messageId,
        topic: message.topic,
        tag: message.tag ?? null,
        keys: message.keys,
        body: message.body.toString('utf8'),
        deliveryAttempt: message.deliveryAttempt,
        corrupted: message.corrupted === true,
        acked: !leaveUnacked,
      });
    }
  }

  return { sent: count, received };
});
