'use strict';

// A clustering push consumer (ali-ons' Consumer) that prints every delivery.
//
// Config (JSON, see common.js):
//   nameSrv, consumerGroup, topic         (required)
//   subscription       tag expression, e.g. "TagA || TagB" (default "*")
//   sql92              a SQL92 expression over message properties instead of a tag expression (ali-ons'
//                      { expressionType: 'SQL92', subString }); the broker needs enablePropertyFilter
//   consumeFrom        "first" (default: a new group starts at offset 0) or "last" (ali-ons' default)
//   failFirst          fail the first N deliveries of each message (by seq), then succeed (default 0)
//   alwaysFail         fail every delivery: the message goes through %RETRY%<group> and ends in %DLQ%<group>
//   maxReconsumeTimes  ali-ons' maxReconsumeTimes (default 16); sent in CONSUMER_SEND_MSG_BACK
//   expectCount        stop after this many distinct successfully consumed messages (default: never)
//   idleMs             stop after this long without a delivery, once at least one arrived (default: never)
//   reportPulls        also print one "pulled" line per non-empty pull response (default true)
//   timeoutMs          hard timeout (default 120000)
// Lines:
//   {"event":"ready", clientId}
//   {"event":"rebalance", topic, queueIds}              whenever this client's queue allocation changes
//   {"event":"pulled", topic, queueId, count, tags}      what the broker returned, before ali-ons' own tag check
//   {"event":"message", seq, msgId, topic, pulledTopic, tags, keys, props, bodyLength, bodySha256,
//                       reconsumeTimes, queueId, queueOffset, originMsgId, clientId, delivery, action}
//   {"event":"error", message}                           ali-ons errors (e.g. a route not there yet); not fatal
//   {"event":"done", consumed, deliveries, reason}       (or "stopped" after SIGTERM)

const { Consumer } = require('ali-ons');
const { emit, describeError, clientOptions, run, sha256, sleep } = require('./common');

const CONSUME_FROM = {
  first: 'CONSUME_FROM_FIRST_OFFSET',
  last: 'CONSUME_FROM_LAST_OFFSET',
};

// Prints what each pull brought back, and remembers from which topic (the original or %RETRY%group) each
// message object was pulled; ali-ons rewrites msg.topic of retried messages before calling the listener.
function instrumentPulls(consumer, reportPulls) {
  const pulledTopics = new WeakMap();
  const client = consumer._mqClient;
  const pullMessage = client.pullMessage.bind(client);
  client.pullMessage = async (brokerAddr, requestHeader, timeoutMillis) => {
    const topic = requestHeader.topic;
    const queueId = requestHeader.queueId;
    const result = await pullMessage(brokerAddr, requestHeader, timeoutMillis);
    for (const msg of result.msgFoundList) pulledTopics.set(msg, topic);
    if (reportPulls && result.msgFoundList.length) {
      emit('pulled', {
        topic,
        queueId,
        count: result.msgFoundList.length,
        tags: result.msgFoundList.map(m => (m.tags === undefined ? null : m.tags)),
      });
    }
    return result;
  };
  return pulledTopics;
}

// Prints this client's allocation of each subscribed topic after every rebalance that changed it.
function instrumentRebalance(consumer) {
  const last = new Map();
  const rebalanceByTopic = consumer.rebalanceByTopic.bind(consumer);
  consumer.rebalanceByTopic = async topic => {
    await rebalanceByTopic(topic);
    const queueIds = [];
    for (const { messageQueue } of consumer.processQueueTable.values()) {
      if (messageQueue.topic === topic) queueIds.push(Number(messageQueue.queueId));
    }
    queueIds.sort((a, b) => a - b);
    const key = queueIds.join(',');
    if (last.get(topic) !== key) {
      last.set(topic, key);
      emit('rebalance', { topic, queueIds });
    }
  };
}

async function drained(consumer, maxWaitMs) {
  const deadline = Date.now() + maxWaitMs;
  const pending = () => Array.from(consumer.processQueueTable.values()).some(item => item.processQueue.msgCount > 0);
  while (pending() && Date.now() < deadline) await sleep(20);
  await sleep(20);
}

run('consume.js', async (config, lifetime) => {
  for (const name of [ 'consumerGroup', 'topic' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }

  const consumer = new Consumer(Object.assign(clientOptions(config), {
    consumerGroup: config.consumerGroup,
    consumeFromWhere: CONSUME_FROM[config.consumeFrom || 'first'],
    maxReconsumeTimes: config.maxReconsumeTimes === undefined ? 16 : config.maxReconsumeTimes,
    pullTimeDelayMillsWhenException: 500,
  }));
  consumer.on('error', err => emit('error', { message: describeError(err) }));
  let closing = null;
  const closeOnce = () => (closing = closing || consumer.close());
  lifetime.onStop(async () => {
    await drained(consumer, 2000);
    await closeOnce();
  });

  const pulledTopics = instrumentPulls(consumer, config.reportPulls !== false);
  instrumentRebalance(consumer);

  const deliveriesBySeq = new Map();
  const consumedSeqs = new Set();
  let deliveries = 0;
  let lastDeliveryAt = 0;
  let stopReason = null;
  let wake = null;
  const stopWhen = reason => {
    if (!stopReason) stopReason = reason;
    if (wake) wake();
  };

  const clientId = consumer._mqClient.clientId;
  const subscription = config.sql92 ? { expressionType: 'SQL92', subString: config.sql92 } : config.subscription || '*';
  consumer.subscribe(config.topic, subscription, async msg => {
    const props = msg.properties || {};
    const seq = props.seq === undefined ? null : Number(props.seq);
    const identity = seq === null ? msg.msgId : seq;
    const delivery = (deliveriesBySeq.get(identity) || 0) + 1;
    deliveriesBySeq.set(identity, delivery);
    deliveries++;
    lastDeliveryAt = Date.now();

    const fail = !!config.alwaysFail || delivery <= (config.failFirst || 0);
    emit('message', {
      seq,
      msgId: msg.msgId,
      topic: msg.topic,
      pulledTopic: pulledTopics.get(msg) || null,
      tags: msg.tags === undefined ? null : msg.tags,
      keys: msg.keys === undefined ? null : msg.keys,
      props,
      bodyLength: msg.body ? msg.body.length : 0,
      bodySha256: sha256(msg.body),
      reconsumeTimes: msg.reconsumeTimes,
      queueId: Number(msg.queueId),
      queueOffset: Number(msg.queueOffset),
      originMsgId: msg.originMessageId || null,
      clientId,
      delivery,
      action: fail ? 'retry' : 'ack',
    });
    // Throw rather than return Consumer.ACTION_RETRY: ali-ons' listener of %RETRY%<group> drops the return value of
    // the user's listener, so ACTION_RETRY would count as success on every redelivery; an exception does not.
    if (fail) throw new Error(`scenario failure of delivery ${delivery} (seq ${seq})`);

    consumedSeqs.add(identity);
    if (config.expectCount && consumedSeqs.size >= config.expectCount) stopWhen('expectCount');
  });

  await consumer.ready();
  emit('ready', { clientId });

  const idleMs = config.idleMs || 0;
  await new Promise(resolve => {
    wake = resolve;
    if (stopReason) resolve();
    if (idleMs) {
      const timer = setInterval(() => {
        if (lastDeliveryAt && Date.now() - lastDeliveryAt >= idleMs) {
          clearInterval(timer);
          stopWhen('idle');
        }
      }, Math.min(idleMs, 200));
      timer.unref();
    }
  });
  // ali-ons moves a queue's offset only after the listener of its batch returned: let the pulled messages
  // drain so the offsets close() hands to the broker cover everything acknowledged.
  await drained(consumer, 3000);
  await closeOnce();
  return { consumed: consumedSeqs.size, deliveries, reason: stopReason };
});
