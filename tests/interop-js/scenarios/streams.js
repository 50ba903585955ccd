'use strict';

// Orleans streams round trip through the silo's streams demo grain: ali-ons sends JSON messages to `inTopic`
// (keys "stream-<seq % keyCount>"), the demo grain (one per key) publishes an echo of each with OnNextAsync to the
// same key's stream on `outTopic`, and an ali-ons push consumer of `outTopic` prints every echo it gets.
//
// Config (JSON, see common.js):
//   nameSrv            "127.0.0.1:<port>" (required)
//   inTopic, outTopic  (required)
//   count              messages to send (default 20); keyCount distinct keys (default 4)
//   consumerGroup      default "GID_streams_echo"
//   produce            false: send nothing, only wait for the echoes of seqs 0..count-1 (default true)
//   consume            false: only send, then end (default true)
//   timeoutMs          hard timeout (default 120000)
// Lines:
//   {"event":"ready"}
//   {"event":"sent", seq, key, msgId, queueId}
//   {"event":"echo", seq, key, keys, contentType, echo, msgId, queueId, queueOffset}   echo = the parsed JSON body
//   {"event":"done", sent, echoed}

const { Producer, Consumer, Message } = require('ali-ons');
const { emit, clientOptions, run } = require('./common');

run('streams.js', async (config, lifetime) => {
  for (const name of [ 'inTopic', 'outTopic' ]) {
    if (!config[name]) throw new Error(`config.${name} is required`);
  }
  const count = config.count || 20;
  const keyCount = config.keyCount || 4;

  const consumer = new Consumer(Object.assign(clientOptions(config), {
    consumerGroup: config.consumerGroup || 'GID_streams_echo',
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  }));
  const producer = new Producer(Object.assign(clientOptions(config), { producerGroup: 'PID_streams_echo' }));
  const consume = config.consume !== false;
  const produce = config.produce !== false;
  lifetime.onStop(async () => {
    await producer.close();
    if (consume) await consumer.close();
  });

  const echoed = new Set();
  let finish;
  const finished = new Promise(resolve => (finish = resolve));
  if (consume) consumer.subscribe(config.outTopic, '*', async msg => {
    const props = msg.properties || {};
    let echo = null;
    try {
      echo = JSON.parse(msg.body.toString('utf8'));
    } catch (err) {
      echo = { unparsed: msg.body.toString('base64') };
    }
    const seq = echo && echo.properties && echo.properties.seq !== undefined ? Number(echo.properties.seq) : null;
    emit('echo', {
      seq,
      key: echo && echo.key,
      keys: msg.keys === undefined ? null : msg.keys,
      contentType: props.__CONTENT_TYPE || null,
      echo,
      msgId: msg.msgId,
      queueId: Number(msg.queueId),
      queueOffset: Number(msg.queueOffset),
    });
    if (seq !== null) echoed.add(seq);
    if (echoed.size >= count) finish();
  });
  if (consume) await consumer.ready();
  await producer.ready();
  emit('ready', {});

  for (let seq = 0; produce && seq < count; seq++) {
    const key = `stream-${seq % keyCount}`;
    const msg = new Message(config.inTopic, 'TagS', JSON.stringify({ seq, text: `event ${seq} of ${key}` }));
    msg.keys = [ key ];
    msg.properties.seq = String(seq);
    const result = await producer.send(msg);
    emit('sent', { seq, key, msgId: result.msgId, queueId: Number(result.messageQueue.queueId) });
  }

  if (consume) await finished;
  return { sent: count, echoed: echoed.size };
});
