'use strict';

// Timed and delayed delivery with ali-ons: a push consumer subscribes first, then a producer sends `delaysMs.length`
// messages, message i with start-deliver-time (msg.setStartDeliverTime, property __STARTDELIVERTIME) = send time +
// delaysMs[i], or, when levels[i] > 0, with msg.delayTimeLevel = levels[i] instead. Each delivery is printed with
// the consumer's clock, so the caller checks "not early, not more than 1 s late" against the due times it was sent.
//
// Config (JSON, see common.js):
//   nameSrv, topic, consumerGroup (required); producerGroup default "PID_interop_delay"
//   delaysMs        delay of each message in ms (required, non-empty)
//   levels          optional delay level per message (0 or absent: use delaysMs with start-deliver-time)
//   settleMs        after every message arrived, keep consuming this long to catch duplicates (default 1500)
//   timeoutMs       hard timeout (default 120000)
// Lines:
//   {"event":"ready"}                              consumer subscribed and rebalanced
//   {"event":"sent", seq, msgId, sentAt, dueAt}    dueAt = sentAt + delaysMs[seq] (start-deliver-time only)
//   {"event":"message", seq, msgId, receivedAt, bornTimestamp, storeTimestamp, startDeliverTime, delivery}
//   {"event":"done", sent, received, deliveries}

const { Consumer, Producer, Message } = require('ali-ons');
const { emit, describeError, clientOptions, run, sleep } = require('./common');

run('delay.js', async (config, lifetime) => {
  for (const name of [ 'topic', 'consumerGroup' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const delays = config.delaysMs || [];
  if (!delays.length) throw new Error('config.delaysMs is required');
  const levels = config.levels || [];
  const settleMs = config.settleMs === undefined ? 1500 : config.settleMs;

  const consumer = new Consumer(Object.assign(clientOptions(config), {
    consumerGroup: config.consumerGroup,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  }));
  consumer.on('error', err => emit('error', { message: describeError(err) }));
  const producer = new Producer(Object.assign(clientOptions(config), {
    producerGroup: config.producerGroup || 'PID_interop_delay',
  }));
  producer.on('error', err => emit('error', { message: describeError(err) }));
  lifetime.onStop(async () => {
    await consumer.close();
    await producer.close();
  });

  const deliveries = new Map();
  let total = 0;
  let allArrived = null;
  const arrived = new Promise(resolve => { allArrived = resolve; });
  consumer.subscribe(config.topic, '*', async msg => {
    const receivedAt = Date.now();
    const seq = Number((msg.properties || {}).seq);
    const delivery = (deliveries.get(seq) || 0) + 1;
    deliveries.set(seq, delivery);
    total++;
    emit('message', {
      seq,
      msgId: msg.msgId,
      receivedAt,
      bornTimestamp: Number(msg.bornTimestamp),
      storeTimestamp: Number(msg.storeTimestamp),
      startDeliverTime: Number(msg.getStartDeliverTime()),
      delivery,
    });
    if (deliveries.size >= delays.length) allArrived();
  });
  await consumer.ready();
  await producer.ready();
  // Let the consumer own its queues before anything is due, so a late rebalance cannot pass for a late delivery.
  while (consumer.processQueueTable.size === 0 && !lifetime.stopping) await sleep(50);
  emit('ready', {});

  for (let seq = 0; seq < delays.length; seq++) {
    const msg = new Message(config.topic, 'delay', Buffer.from(`delayed #${seq}`));
    msg.properties.seq = String(seq);
    const sentAt = Date.now();
    if (levels[seq] > 0) msg.delayTimeLevel = levels[seq];
    else msg.setStartDeliverTime(sentAt + delays[seq]);
    const result = await producer.send(msg);
    emit('sent', { seq, msgId: result.msgId, sendStatus: result.sendStatus, sentAt, dueAt: levels[seq] > 0 ? null : sentAt + delays[seq] });
  }

  await arrived;
  await sleep(settleMs);
  return { sent: delays.length, received: deliveries.size, deliveries: total };
});
