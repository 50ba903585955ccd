'use strict';

// RocketMQ 5 transactions over gRPC with Apache's Node.js client (rocketmq-client-nodejs): a transactional Producer
// sends three half messages: "commit" (committed by the client), "rollback" (rolled back by the client) and
// "orphan" (never ended by the client: the broker's transaction check asks the producer's checker, which answers
// COMMIT for it). A SimpleConsumer then receives until "commit" and "orphan" arrived and `settleMs` passed without
// anything else.
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   namespace      RocketMQ 5 namespace of the clients (default "")
//   awaitMs        long-polling timeout of each receive (default 1000)
//   settleMs       how long to go on receiving after the expected messages (default 2000)
//   timeoutMs      hard timeout (default 120000)
// Lines:
//   {"event":"producerReady"}
//   {"event":"sent", body, messageId, transactionId}
//   {"event":"ended", body, resolution}
//   {"event":"checked", body, messageId, topic}        the producer's checker was asked (answers COMMIT for "orphan")
//   {"event":"consumerReady"}
//   {"event":"received", body, messageId, topic, tag, deliveryAttempt}
//   {"event":"done", received}

const { Producer } = require('rocketmq-client-nodejs');
const { TransactionResolution } = require('rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb');
const { emit, run, grpcClientLogger, startSimpleConsumer } = require('./common');

run('grpc5-transaction', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const namespace = config.namespace ?? '';
  const awaitMs = config.awaitMs ?? 1000;
  const settleMs = config.settleMs ?? 2000;

  const checker = {
    async check(messageView) {
      const body = messageView.body.toString('utf8');
      emit('checked', { body, messageId: messageView.messageId, topic: messageView.topic });
      return body === 'orphan' ? TransactionResolution.COMMIT : TransactionResolution.ROLLBACK;
    },
  };
  const producer = new Producer({ endpoints: config.endpoints, namespace, topics: [ config.topic ], checker, logger: grpcClientLogger });
  lifetime.onStop(() => producer.shutdown());
  await producer.startup();
  emit('producerReady');

  for (const [ body, end ] of [ [ 'commit', 'commit' ], [ 'rollback', 'rollback' ], [ 'orphan', null ] ]) {
    const transaction = producer.beginTransaction();
    const receipt = await producer.send({ topic: config.topic, tag: 'tx', keys: [ `key-${body}` ], body: Buffer.from(body) }, transaction);
    emit('sent', { body, messageId: receipt.messageId, transactionId: receipt.transactionId });
    if (end === 'commit') await transaction.commit();
    if (end === 'rollback') await transaction.rollback();
    if (end) emit('ended', { body, resolution: end });
  }

  const consumer = await startSimpleConsumer(config, lifetime, awaitMs);

  const seen = new Set();
  let received = 0;
  let settledAt = null;
  while (!lifetime.stopping && (settledAt === null || Date.now() < settledAt)) {
    for (const message of await consumer.receive(16, 10000)) {
      await consumer.ack(message);
      received++;
      const body = message.body.toString('utf8');
      seen.add(body);
      emit('received', { body, messageId: message.messageId, topic: message.topic, tag: message.tag ?? null, deliveryAttempt: message.deliveryAttempt });
    }
    if (settledAt === null && seen.has('commit') && seen.has('orphan')) settledAt = Date.now() + settleMs;
  }

  return { received };
});
