'use strict';

// Receives with Apache's RocketMQ 5 Node.js client's SimpleConsumer until `expect` distinct messages (by their
// "seq" property) were seen, acking those listed in `ack` ("all" acks every one), then exits.
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   expect         distinct messages to wait for (required)
//   ack            array of seqs to ack, or "all" (default "all")
//   namespace      RocketMQ 5 namespace of the consumer (default "")
//   invisibleMs    invisible duration of each receive (default 3000)
//   awaitMs        long-polling timeout of each receive (default 2000)
//   timeoutMs      hard timeout (default 120000)
// Lines:
//   {"event":"consumerReady", clientId}
//   {"event":"received", seq, label, topic, messageId, deliveryAttempt, acked}
//   {"event":"done", received}

const { emit, run, startSimpleConsumer } = require('./common');

run('grpc5-receive', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group', 'expect' ]) {
    if (config[name] === undefined) throw new Error(`config.${name} is required`);
  }
  const ackAll = config.ack === undefined || config.ack === 'all';
  const ackSeqs = new Set(ackAll ? [] : config.ack);
  const consumer = await startSimpleConsumer(config, lifetime, config.awaitMs ?? 2000);

  const seen = new Set();
  let received = 0;
  while (!lifetime.stopping && seen.size < config.expect) {
    const messages = await consumer.receive(16, config.invisibleMs ?? 3000);
    for (const message of messages) {
      received++;
      const seq = Number(message.properties.get('seq'));
      const ack = ackAll || ackSeqs.has(seq);
      if (ack) await consumer.ack(message);
      seen.add(seq);
      emit('received', { seq, label: message.properties.get('label') ?? null, topic: message.topic, messageId: message.messageId, deliveryAttempt: message.deliveryAttempt, acked: ack });
    }
  }
  return { received };
});
