'use strict';

// Shared plumbing of the scenario scripts (admin.js, produce.js, consume.js).
//
// Protocol with the C# harness (tests/RocketMQ.Orleans.Interop.Tests/Infrastructure/NodeScenario.cs):
// - configuration: one JSON object, as the first argument (when it starts with '{') or on stdin;
// - progress: one JSON object per line on stdout, each with an "event" field; nothing else goes to stdout
//   (ali-ons' own logging is sent to stderr);
// - end: a final {"event":"done",...} line and exit code 0; a failure prints {"event":"fatal"} and exits 1;
//   the hard timeout prints {"event":"timeout"} and exits 3; SIGTERM/SIGINT close the client cleanly first.

const crypto = require('crypto');

const startedAt = Date.now();

function emit(event, fields) {
  process.stdout.write(JSON.stringify(Object.assign({ event, t: Date.now() - startedAt }, fields)) + '\n');
}

function describeError(err) {
  if (!err) return 'unknown error';
  const code = err.code !== undefined ? ` (code ${err.code})` : '';
  return `${err.name || 'Error'}${code}: ${err.message}`;
}

// ali-ons logs through this; stdout is reserved for the JSON lines.
const stderrLogger = {
  info() {},
  debug() {},
  warn(...args) { console.error('[ali-ons warn]', ...args); },
  error(...args) { console.error('[ali-ons error]', ...args); },
};

// rocketmq-client-nodejs (the 5.x gRPC client) logs through this: warnings and errors to stderr, nothing else.
const grpcClientLogger = {
  info() {},
  debug() {},
  warn(...args) { console.error('[rocketmq-client-nodejs warn]', ...args); },
  error(...args) { console.error('[rocketmq-client-nodejs error]', ...args); },
  close() {},
};

// RemotingClient asserts that an httpclient is present, but only calls it to resolve `onsAddr`; with `nameSrv`
// it is never used, so a stub that fails loudly is enough and no HTTP library is needed.
const unusedHttpClient = {
  async request(url) {
    throw new Error(`httpclient.request(${url}) called: the scenarios always configure nameSrv`);
  },
};

async function readConfig() {
  const arg = process.argv[2];
  if (arg && arg.trim().startsWith('{')) {
    return JSON.parse(arg);
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}

// Options every ali-ons client of the scenarios gets. Intervals default to test-friendly values; ali-ons'
// own defaults are 30 s (route poll, heartbeat), 10 s (rebalance) and 5 s (offset commit).
function clientOptions(config) {
  if (!config.nameSrv) throw new Error('config.nameSrv ("127.0.0.1:<port>") is required');
  const options = {
    nameSrv: config.nameSrv,
    accessKey: config.accessKey || 'interop-ak',
    secretKey: config.secretKey || 'interop-sk',
    httpclient: unusedHttpClient,
    logger: stderrLogger,
    pollNameServerInteval: config.pollNameServerIntervalMs || 1000,
    heartbeatBrokerInterval: config.heartbeatIntervalMs || 1000,
    rebalanceInterval: config.rebalanceIntervalMs || 1000,
    persistConsumerOffsetInterval: config.persistConsumerOffsetIntervalMs || 500,
  };
  if (config.instanceName) options.instanceName = config.instanceName;
  if (config.clientIP) options.clientIP = config.clientIP;
  return options;
}

// Options every rocketmq-client-nodejs (RocketMQ 5, gRPC) client of the scenarios gets: endpoints, namespace,
// TLS (sslEnabled) and ACL credentials (accessKey/secretKey → sessionCredentials) from the config.
function grpcClientOptions(config, logger) {
  const options = { endpoints: config.endpoints, namespace: config.namespace ?? '', sslEnabled: config.sslEnabled === true, logger };
  if (config.accessKey) options.sessionCredentials = { accessKey: config.accessKey, accessSecret: config.secretKey };
  return options;
}

// Runs main(config, lifetime) with a hard timeout and a clean stop on SIGTERM/SIGINT.
// lifetime.onStop(fn) registers the clean-up (closing the ali-ons client); lifetime.stopping tells loops to end.
function run(name, main) {
  const lifetime = {
    stopping: false,
    cleanups: [],
    onStop(fn) { this.cleanups.push(fn); },
  };

  let finished = false;
  async function finish(code, event, fields) {
    if (finished) return;
    finished = true;
    lifetime.stopping = true;
    const cleanupDeadline = new Promise(resolve => setTimeout(resolve, 5000).unref());
    try {
      await Promise.race([
        Promise.all(lifetime.cleanups.map(fn => Promise.resolve().then(fn).catch(err => {
          console.error(`${name}: clean-up failed: ${describeError(err)}`);
        }))),
        cleanupDeadline,
      ]);
    } finally {
      if (event) emit(event, fields);
      // ali-ons keeps timers (route poll, heartbeat) of its inner producer alive: exit explicitly.
      process.stdout.write('', () => process.exit(code));
    }
  }

  for (const signal of [ 'SIGTERM', 'SIGINT' ]) {
    process.on(signal, () => { finish(0, 'stopped', { signal }); });
  }

  process.on('unhandledRejection', err => {
    emit('error', { message: `unhandled rejection: ${describeError(err)}` });
  });

  (async () => {
    const config = await readConfig();
    const timeoutMs = config.timeoutMs || 120000;
    setTimeout(() => { finish(3, 'timeout', { timeoutMs }); }, timeoutMs).unref();
    const result = await main(config, lifetime);
    await finish(0, 'done', result || {});
  })().catch(err => {
    console.error(`${name} failed: ${err && err.stack ? err.stack : err}`);
    finish(1, 'fatal', { message: describeError(err) });
  });

  return lifetime;
}

// The deterministic body of message `seq`: the C# side recomputes nothing, it compares the digests the
// producer and the consumer print.
function bodyFor(seq, size) {
  const body = Buffer.alloc(size);
  const prefix = Buffer.from(`seq=${seq};`, 'utf8');
  for (let i = 0; i < size; i++) {
    body[i] = i < prefix.length ? prefix[i] : (seq * 31 + i * 7) & 0xff;
  }
  return body;
}

function sha256(buffer) {
  return crypto.createHash('sha256').update(buffer || Buffer.alloc(0)).digest('hex');
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

// Starts a RocketMQ 5 SimpleConsumer of config.group on config.topic ('*'), closed when the scenario stops.
// config.namespace (default ""), sslEnabled, accessKey/secretKey as grpcClientOptions; awaitMs: long-polling timeout of each receive.
async function startSimpleConsumer(config, lifetime, awaitMs) {
  const { SimpleConsumer } = require('rocketmq-client-nodejs');
  const consumer = new SimpleConsumer({
    ...grpcClientOptions(config, grpcClientLogger),
    consumerGroup: config.group,
    subscriptions: new Map([ [ config.topic, '*' ] ]),
    awaitDuration: awaitMs,
  });
  lifetime.onStop(() => consumer.shutdown());
  await consumer.startup();
  emit('consumerReady', { clientId: consumer.clientId });
  return consumer;
}

module.exports = { emit, describeError, clientOptions, grpcClientOptions, run, bodyFor, sha256, sleep, stderrLogger, grpcClientLogger, startSimpleConsumer };
