'use strict';

// Sends `count` messages with ali-ons' Producer and prints one line per acknowledged send.
//
// Config (JSON, see common.js):
//   nameSrv            "127.0.0.1:<port>" (required)
//   topic              (required)
//   producerGroup      default "PID_interop_produce"
//   count              messages to send (default 100); startSeq first sequence number (default 0)
//   concurrency        sends in flight at once (default 1): k async senders sharing one counter
//   sizes              body sizes in bytes, rotating by seq (default [128]); ≥ 4096 makes ali-ons compress
//   tags               tags, rotating by seq (default ["TagA", "TagB", "TagC"]); [] sends no tag
//   keys               true (default): keys ["key-<seq>", "k<seq % 7>"]; false: none
//   properties         extra user properties for every message (object of strings)
//   runId              copied into property "runId" (default: pid)
//   stopOnError        stop at the first failed send (default false: report it and go on)
//   timeoutMs          hard timeout (default 120000)
// Lines:
//   {"event":"ready"}
//   {"event":"sent", seq, msgId, brokerName, queueId, queueOffset, sendStatus, tags, keys, props, bodyLength, bodySha256}
//   {"event":"sendError", seq, message}
//   {"event":"done", sent, failed}   (or "stopped" after SIGTERM)

const { Producer, Message } = require('ali-ons');
const { emit, describeError, clientOptions, run, bodyFor, sha256 } = require('./common');

const NON_ASCII = 'ünïcödé · 日本語 · ★ · 🚀';

function userProperties(config, seq) {
  const props = Object.assign({}, config.properties || {});
  props.seq = String(seq);
  props.runId = String(config.runId || process.pid);
  if (config.nonAscii !== false) props.label = `${NON_ASCII} #${seq}`;
  return props;
}

function buildMessage(config, seq) {
  const sizes = config.sizes && config.sizes.length ? config.sizes : [ 128 ];
  const tagList = Array.isArray(config.tags) ? config.tags : [ 'TagA', 'TagB', 'TagC' ];
  const tags = tagList.length ? tagList[seq % tagList.length] : null;
  const body = bodyFor(seq, sizes[seq % sizes.length]);
  const msg = new Message(config.topic, tags, body);
  const keys = config.keys === false ? null : [ `key-${seq}`, `k${seq % 7}` ];
  if (keys) msg.keys = keys;
  const props = userProperties(config, seq);
  for (const name of Object.keys(props)) msg.properties[name] = props[name];
  // The producer compresses msg.body in place: take the digest of what the consumer must get back first.
  return { msg, tags, keys: keys ? keys.join(' ') : null, props, bodyLength: body.length, bodySha256: sha256(body) };
}

run('produce.js', async (config, lifetime) => {
  if (!config.topic) throw new Error('config.topic is required');
  const count = config.count === undefined ? 100 : config.count;
  const startSeq = config.startSeq || 0;
  const concurrency = Math.max(1, config.concurrency || 1);

  const producer = new Producer(Object.assign(clientOptions(config), {
    producerGroup: config.producerGroup || 'PID_interop_produce',
  }));
  producer.on('error', err => emit('error', { message: describeError(err) }));
  lifetime.onStop(() => producer.close());
  await producer.ready();
  emit('ready', { clientId: producer._mqClient.clientId });

  let next = startSeq;
  const end = startSeq + count;
  let sent = 0;
  let failed = 0;

  async function sender() {
    while (!lifetime.stopping && next < end) {
      const seq = next++;
      const built = buildMessage(config, seq);
      try {
        const result = await producer.send(built.msg);
        sent++;
        emit('sent', {
          seq,
          msgId: result.msgId,
          brokerName: result.messageQueue.brokerName,
          queueId: Number(result.messageQueue.queueId),
          queueOffset: result.queueOffset,
          sendStatus: result.sendStatus,
          tags: built.tags,
          keys: built.keys,
          props: built.props,
          bodyLength: built.bodyLength,
          bodySha256: built.bodySha256,
        });
      } catch (err) {
        failed++;
        emit('sendError', { seq, message: describeError(err) });
        if (config.stopOnError) throw err;
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, sender));
  return { sent, failed };
});
