'use strict';

// Ordered messages by sharding key with ali-ons: two push consumers of one group (instance names "<group>_a" and
// "<group>_b") subscribe and settle on their share of the topic's queues, then a producer sends `perKey` messages for
// each of `keys` sharding keys (msg.shardingKey; ali-ons maps a key to one queue id), interleaving the keys. ali-ons
// has no orderly consumer (no LOCK_BATCH_MQ), but with parallelConsumeLimit 1 it consumes each queue one message at
// a time in queue order, so a key's messages must arrive in the order sent, all at one consumer.
//
// Config (JSON, see common.js):
//   nameSrv, topic, consumerGroup (required); producerGroup default "PID_interop_orderly"
//   queueNums       the topic's queue count (default 4): the consumers are settled when they own all of them
//   keys            number of sharding keys (default 4); perKey messages per key (default 20)
//   settleMs        after every message arrived, keep consuming this long to catch duplicates (default 1000)
//   timeoutMs       hard timeout (default 120000)
// Lines:
//   {"event":"ready", queues: {a: [...], b: [...]}}   queue ids of the topic each consumer owns
//   {"event":"sent", key, seq, queueId, msgId}
//   {"event":"message", consumer, key, seq, queueId, msgId}
//   {"event":"done", sent, received}

const { Consumer, Producer, Message } = require('ali-ons');
const { emit, describeError, clientOptions, run, sleep } = require('./common');

run('orderly.js', async (config, lifetime) => {
  for (const name of [ 'topic', 'consumerGroup' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const queueNums = config.queueNums || 4;
  const keys = config.keys || 4;
  const perKey = config.perKey || 20;
  const settleMs = config.settleMs === undefined ? 1000 : config.settleMs;
  const total = keys * perKey;

  let received = 0;
  let allArrived = null;
  const arrived = new Promise(resolve => { allArrived = resolve; });
  const consumers = {};
  for (const name of [ 'a', 'b' ]) {
    const consumer = new Consumer(Object.assign(clientOptions(config), {
      consumerGroup: config.consumerGroup,
      instanceName: `${config.consumerGroup}_${name}`,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      parallelConsumeLimit: 1,
    }));
    consumer.on('error', err => emit('error', { consumer: name, message: describeError(err) }));
    consumer.subscribe(config.topic, '*', async msg => {
      const properties = msg.properties || {};
      emit('message', { consumer: name, key: properties.key, seq: Number(properties.seq), queueId: Number(msg.queueId), msgId: msg.msgId });
      if (++received >= total) allArrived();
    });
    consumers[name] = consumer;
  }
  const producer = new Producer(Object.assign(clientOptions(config), {
    producerGroup: config.producerGroup || 'PID_interop_orderly',
  }));
  producer.on('error', err => emit('error', { message: describeError(err) }));
  lifetime.onStop(async () => {
    for (const consumer of Object.values(consumers)) await consumer.close();
    await producer.close();
  });

  for (const consumer of Object.values(consumers)) await consumer.ready();
  await producer.ready();
  // Send only once the group has settled, so no queue changes hands (ali-ons takes no lock) while keys are in flight.
  const owned = consumer => [ ...consumer.processQueueTable.values() ]
    .filter(item => item.messageQueue.topic === config.topic)
    .map(item => item.messageQueue.queueId)
    .sort((x, y) => x - y);
  while (!lifetime.stopping) {
    const a = owned(consumers.a);
    const b = owned(consumers.b);
    if (a.length > 0 && b.length > 0 && a.length + b.length === queueNums && new Set([ ...a, ...b ]).size === queueNums) {
      emit('ready', { queues: { a, b } });
      break;
    }
    await sleep(50);
  }

  for (let seq = 0; seq < perKey; seq++) {
    for (let k = 0; k < keys; k++) {
      const key = `key-${k}`;
      const msg = new Message(config.topic, 'orderly', Buffer.from(`${key} #${seq}`));
      msg.shardingKey = key;
      msg.properties.key = key;
      msg.properties.seq = String(seq);
      const result = await producer.send(msg);
      emit('sent', { key, seq, queueId: result.messageQueue ? Number(result.messageQueue.queueId) : null, msgId: result.msgId });
    }
  }

  await arrived;
  await sleep(settleMs);
  return { sent: total, received };
});
